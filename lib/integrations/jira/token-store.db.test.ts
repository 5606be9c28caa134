import { randomUUID } from 'node:crypto';
import { eq, sql } from 'drizzle-orm';
import { beforeEach, describe, expect, it, vi } from 'vitest';
import { jiraAuditEvents, jiraConnections, jiraGrants, jiraPendingAuthorizations } from '@/db/schema';
import type { CurrentMember } from '@/lib/auth/guards';
import { decryptSecret, DecryptionError } from '@/lib/crypto';
import { appKeyring } from '@/lib/crypto/app-keyring';
import {
  createOrgMembers,
  LABS_CLOUD_ID,
  MAIN_CLOUD_ID,
  SANDBOX_APP,
  setupJiraHarness,
  tokenRequests,
} from '@/tests/jira-harness';
import { checkConnection } from './connect/check-connection';
import { handleCallback } from './connect/handle-callback';
import { completePendingAuthorization } from './connect/pending-authorization';
import { AccessTokenExpiredError, getAccessToken, GrantUnusableError } from './token-store';

const harness = setupJiraHarness();

// Lets one test run as a Portico whose OAuth app is not configured (env() is parsed once per process).
const oauthApp = vi.hoisted(() => ({ configured: true }));
vi.mock('./oauth/config', async (importOriginal) => {
  const actual = await importOriginal<typeof import('./oauth/config')>();
  return { ...actual, atlassianOAuthConfig: () => (oauthApp.configured ? actual.atlassianOAuthConfig() : undefined) };
});

const setKnobs = (knobs: Record<string, unknown>) => harness.control('knobs', knobs);

async function newAdmin(name: string): Promise<CurrentMember> {
  const [admin] = await createOrgMembers(harness.db(), name, ['admin']);
  return admin!;
}

/**
 * Consent at the sandbox for one site and finish the callback (through the site picker if offered).
 * The stored access token is then marked expired, so the next Jira-bound call must refresh.
 */
async function connectSite(member: CurrentMember, cloudId = MAIN_CLOUD_ID) {
  const consent = await harness.startConsent(member);
  const callback = await harness.approveConsent(consent.authorizeUrl, cloudId);
  const result = await handleCallback(member, callback, consent.browserBinding);
  const finished =
    result.kind === 'choose_site' ? await completePendingAuthorization(member, result.pendingId, cloudId) : result;
  expect(finished.outcome).toMatch(/^(re)?connected$/);
  const [connection] = await harness
    .db()
    .select()
    .from(jiraConnections)
    .where(eq(jiraConnections.id, finished.connectionId!));
  await harness
    .db()
    .update(jiraGrants)
    .set({ accessTokenExpiresAt: new Date() })
    .where(eq(jiraGrants.id, connection!.grantId!));
  return { viaSitePicker: result.kind === 'choose_site', connectionId: connection!.id, grantId: connection!.grantId! };
}

async function grantRow(grantId: string) {
  const [grant] = await harness.db().select().from(jiraGrants).where(eq(jiraGrants.id, grantId));
  return grant!;
}

async function connectionRow(connectionId: string) {
  const [connection] = await harness.db().select().from(jiraConnections).where(eq(jiraConnections.id, connectionId));
  return connection!;
}

const reasonOf = (promise: Promise<unknown>) =>
  promise.then(
    () => 'ok',
    (error: unknown) => (error instanceof GrantUnusableError ? error.reason : `threw ${String(error)}`),
  );

const openRefreshToken = (grant: { id: string; refreshTokenCiphertext: string | null }) =>
  decryptSecret(appKeyring(), grant.refreshTokenCiphertext!, `jira_grant:${grant.id}:refresh_token`);

describe('token store against the Atlassian sandbox', () => {
  beforeEach(async () => {
    await harness.resetSandbox();
  });

  describe.each(['revoked', 'expired-grant'] as const)('a dead grant (scenario %s)', (scenario) => {
    it('costs exactly one token request, then answers needs_reconnect without asking Atlassian again', async () => {
      const admin = await newAdmin(`Dead ${scenario}`);
      const { connectionId, grantId } = await connectSite(admin);
      await harness.control('scenario', { name: scenario });
      await harness.resetCounters();

      await expect(reasonOf(getAccessToken(admin.orgId, grantId))).resolves.toBe('needs_reconnect');
      const afterFirst = await harness.counters();
      expect(tokenRequests(afterFirst)).toBe(1);
      expect(afterFirst.refreshFailures).toBe(1);

      const next = await Promise.all(
        Array.from({ length: 100 }, (_, i) =>
          i % 2 === 0
            ? reasonOf(getAccessToken(admin.orgId, grantId, { forceRefresh: i % 4 === 0 }))
            : checkConnection(admin.orgId, connectionId).then((check) => (check.ok ? 'ok' : check.reason)),
        ),
      );

      expect(new Set(next)).toEqual(new Set(['needs_reconnect']));
      expect((await harness.counters()).requests).toEqual(afterFirst.requests);
      expect(await connectionRow(connectionId)).toMatchObject({
        status: 'needs_reconnect',
        statusReason: 'grant_refused',
      });
      expect(await grantRow(grantId)).toMatchObject({
        status: 'needs_reconnect',
        lastRefreshError: 'grant_refused',
        refreshFailureCount: 1,
      });
      const events = await harness
        .db()
        .select()
        .from(jiraAuditEvents)
        .where(eq(jiraAuditEvents.connectionId, connectionId));
      expect(events.filter((event) => event.action === 'refresh_failed')).toEqual([
        expect.objectContaining({ detail: { reason: 'grant_refused' } }),
      ]);
    });
  });

  it('keeps two sites from one consent on one grant, so a refresh through one serves the other', async () => {
    const admin = await newAdmin('Two sites');
    // The account already allowed Portico on the labs site, so this consent covers two sites.
    await harness.control('consents', { clientId: SANDBOX_APP.clientId, cloudIds: [LABS_CLOUD_ID] });

    const main = await connectSite(admin, MAIN_CLOUD_ID);
    const labs = await connectSite(admin, LABS_CLOUD_ID);

    expect(main.viaSitePicker && labs.viaSitePicker).toBe(true);
    // The second consent is a grant of its own that reaches both sites: the first site moved onto it and
    // the first grant, now unused, was retired (decision 012).
    expect((await connectionRow(main.connectionId)).grantId).toBe(labs.grantId);
    const grants = await harness
      .db()
      .select({ id: jiraGrants.id })
      .from(jiraGrants)
      .where(eq(jiraGrants.organizationId, admin.orgId));
    expect(grants).toEqual([{ id: labs.grantId }]);

    await setKnobs({ accessTokenLifetimeSecs: 3600 });
    await harness.resetCounters();
    await expect(checkConnection(admin.orgId, main.connectionId)).resolves.toMatchObject({
      ok: true,
      accountName: 'Mia Krystof',
    });
    await expect(checkConnection(admin.orgId, labs.connectionId)).resolves.toMatchObject({
      ok: true,
      accountName: 'Mia Krystof',
    });

    const counters = await harness.counters();
    expect(counters.refreshes).toBe(1);
    expect(counters.tokenGrants.refresh_token).toBe(1);
    expect(counters.refreshFailures).toBe(0);
  });

  it('revives every site of a dead grant that a reconnect of one of them reaches again', async () => {
    const admin = await newAdmin('Revive');
    await harness.control('consents', { clientId: SANDBOX_APP.clientId, cloudIds: [LABS_CLOUD_ID] });
    const main = await connectSite(admin, MAIN_CLOUD_ID);
    const labs = await connectSite(admin, LABS_CLOUD_ID);
    await harness.control('scenario', { name: 'expired-grant' });
    // Both sites are on the second consent's grant (the first one was retired).
    await expect(reasonOf(getAccessToken(admin.orgId, labs.grantId))).resolves.toBe('needs_reconnect');
    expect(await connectionRow(labs.connectionId)).toMatchObject({ status: 'needs_reconnect' });

    await harness.control('scenario', { name: 'default' });
    await setKnobs({ accessTokenLifetimeSecs: 3600 });
    const consent = await harness.startConsent(admin, main.connectionId);
    const result = await handleCallback(
      admin,
      await harness.approveConsent(consent.authorizeUrl, MAIN_CLOUD_ID),
      consent.browserBinding,
    );

    expect(result).toMatchObject({ outcome: 'reconnected', connectionId: main.connectionId });
    const revived = (await connectionRow(main.connectionId)).grantId!;
    expect(revived).not.toBe(labs.grantId);
    expect(await grantRow(revived)).toMatchObject({ status: 'active' });
    for (const { connectionId } of [main, labs]) {
      expect(await connectionRow(connectionId)).toMatchObject({
        status: 'connected',
        statusReason: null,
        grantId: revived,
      });
      await expect(checkConnection(admin.orgId, connectionId)).resolves.toMatchObject({ ok: true });
    }
  });

  it('refreshes once for 100 concurrent callers of an expired token, and all get the new token', async () => {
    const admin = await newAdmin('Herd');
    const { grantId } = await connectSite(admin);
    const before = await grantRow(grantId);
    // The refreshed token lives an hour, so waiters that find it after the lock can use it.
    await setKnobs({ accessTokenLifetimeSecs: 3600 });
    await harness.resetCounters();

    const tokens = await Promise.all(Array.from({ length: 100 }, () => getAccessToken(admin.orgId, grantId)));

    const counters = await harness.counters();
    expect(counters.refreshes).toBe(1);
    expect(counters.tokenGrants.refresh_token).toBe(1);
    expect(counters.maxConcurrentRefreshes).toBe(1);
    const issued = (await harness.tokens()).accessTokens.sort((a, b) => a.issuedAt - b.issuedAt).at(-1)!;
    expect(new Set(tokens)).toEqual(new Set([issued.token]));
    expect((await grantRow(grantId)).tokenVersion).toBe(before.tokenVersion + 1);
  });

  it('marks connections app_credentials_rejected when Atlassian refuses the client secret, keeps the grant, and recovers once it is fixed', async () => {
    const admin = await newAdmin('Bad secret');
    const { connectionId, grantId } = await connectSite(admin);
    const before = await grantRow(grantId);
    await harness.control('apps', { ...SANDBOX_APP, clientSecret: 'rotated-in-the-developer-console' });

    await expect(reasonOf(getAccessToken(admin.orgId, grantId))).resolves.toBe('app_credentials_rejected');
    await expect(checkConnection(admin.orgId, connectionId)).resolves.toMatchObject({
      ok: false,
      reason: 'app_credentials_rejected',
    });

    expect(await connectionRow(connectionId)).toMatchObject({
      status: 'error',
      statusReason: 'app_credentials_rejected',
    });
    expect(await grantRow(grantId)).toMatchObject({
      status: 'active',
      lastRefreshError: 'invalid_client',
      refreshTokenCiphertext: before.refreshTokenCiphertext,
      accessTokenCiphertext: before.accessTokenCiphertext,
    });
    const events = await harness
      .db()
      .select()
      .from(jiraAuditEvents)
      .where(eq(jiraAuditEvents.connectionId, connectionId));
    expect(events.map((event) => event.action)).not.toContain('refresh_failed');

    // The operator corrects the secret: the same grant works again and the connection recovers.
    await harness.control('apps', SANDBOX_APP);
    await setKnobs({ accessTokenLifetimeSecs: 3600 });
    await expect(checkConnection(admin.orgId, connectionId)).resolves.toMatchObject({ ok: true });
    expect(await connectionRow(connectionId)).toMatchObject({ status: 'connected', statusReason: null });
    expect(await grantRow(grantId)).toMatchObject({ status: 'active', lastRefreshError: null, refreshFailureCount: 0 });
  });

  it.each([
    { name: '503 without a body', fault: { status: 503 }, reason: 'atlassian_unavailable', error: 'unavailable' },
    {
      name: '500 server_error',
      fault: { status: 500, body: { error: 'server_error' } },
      reason: 'atlassian_unavailable',
      error: 'unavailable',
    },
    {
      name: '502 with an HTML page',
      fault: { status: 502, body: '<html>Bad gateway</html>' },
      reason: 'atlassian_unavailable',
      error: 'unavailable',
    },
    {
      name: '429 throttled',
      fault: { status: 429, headers: { 'retry-after': '30' } },
      reason: 'rate_limited',
      error: 'rate_limited',
    },
  ])(
    'treats a token endpoint $name as an outage: $reason, nothing marked broken, tokens kept',
    async ({ fault, reason, error }) => {
      const admin = await newAdmin(`Outage ${fault.status}`);
      const { connectionId, grantId } = await connectSite(admin);
      const before = await grantRow(grantId);
      await harness.control('faults', { route: 'token', count: 2, ...fault });

      await expect(reasonOf(getAccessToken(admin.orgId, grantId))).resolves.toBe(reason);
      await expect(checkConnection(admin.orgId, connectionId)).resolves.toMatchObject({ ok: false, reason });

      expect(await connectionRow(connectionId)).toMatchObject({ status: 'connected', statusReason: null });
      expect(await grantRow(grantId)).toMatchObject({
        status: 'active',
        lastRefreshError: error,
        refreshFailureCount: 2,
        accessTokenCiphertext: before.accessTokenCiphertext,
        refreshTokenCiphertext: before.refreshTokenCiphertext,
        tokenVersion: before.tokenVersion,
      });
      // The outage ends: the kept refresh token still works.
      await expect(reasonOf(getAccessToken(admin.orgId, grantId))).resolves.toBe('ok');
      expect(await grantRow(grantId)).toMatchObject({ status: 'active', refreshFailureCount: 0 });
    },
  );

  it('leaves grants and connections alone when Portico itself has no OAuth app configured', async () => {
    const admin = await newAdmin('Unconfigured');
    const { connectionId, grantId } = await connectSite(admin);
    await harness.resetCounters();

    oauthApp.configured = false;
    try {
      await expect(reasonOf(getAccessToken(admin.orgId, grantId))).resolves.toBe('not_configured');
      await expect(checkConnection(admin.orgId, connectionId)).resolves.toMatchObject({
        ok: false,
        reason: 'not_configured',
      });
    } finally {
      oauthApp.configured = true;
    }

    expect(tokenRequests(await harness.counters())).toBe(0);
    expect(await grantRow(grantId)).toMatchObject({ status: 'active', refreshFailureCount: 0 });
    expect(await connectionRow(connectionId)).toMatchObject({ status: 'connected', statusReason: null });
    await expect(reasonOf(getAccessToken(admin.orgId, grantId))).resolves.toBe('ok');
  });

  it('answers token_unreadable for tokens sealed under a removed key, flags the connection once, and recovers when the key is back', async () => {
    const admin = await newAdmin('Removed key');
    const { connectionId, grantId } = await connectSite(admin);
    const sealed = await grantRow(grantId);
    // As if the key that sealed them had been removed from PORTICO_ENCRYPTION_KEY: their key id is unknown.
    const underRemovedKey = (value: string | null) => value!.replace(/^v1\.[^.]+\./, 'v1.removed.');
    await harness
      .db()
      .update(jiraGrants)
      .set({
        accessTokenCiphertext: underRemovedKey(sealed.accessTokenCiphertext),
        refreshTokenCiphertext: underRemovedKey(sealed.refreshTokenCiphertext),
        accessTokenExpiresAt: new Date(Date.now() + 3_600_000),
      })
      .where(eq(jiraGrants.id, grantId));
    await harness.resetCounters();

    await expect(checkConnection(admin.orgId, connectionId)).resolves.toEqual({
      ok: false,
      reason: 'token_unreadable',
      message: expect.stringMatching(/^Portico can no longer read this connection’s tokens: the key .* removed .* Reconnect/),
    });
    await expect(reasonOf(getAccessToken(admin.orgId, grantId, { forceRefresh: true }))).resolves.toBe('token_unreadable');
    await expect(reasonOf(getAccessToken(admin.orgId, grantId, { allowRefresh: false }))).resolves.toBe('token_unreadable');
    await expect(reasonOf(getAccessToken(admin.orgId, grantId))).resolves.toBe('token_unreadable');
    expect(tokenRequests(await harness.counters())).toBe(0);
    expect(await grantRow(grantId)).toMatchObject({ status: 'active' });
    expect(await connectionRow(connectionId)).toMatchObject({ status: 'needs_reconnect', statusReason: 'token_unreadable' });
    const events = await harness
      .db()
      .select()
      .from(jiraAuditEvents)
      .where(eq(jiraAuditEvents.connectionId, connectionId));
    expect(events.filter((event) => event.action === 'tokens_unreadable')).toHaveLength(1);

    // The operator puts the key back: the next refresh works and clears the connection.
    await harness
      .db()
      .update(jiraGrants)
      .set({
        accessTokenCiphertext: sealed.accessTokenCiphertext,
        refreshTokenCiphertext: sealed.refreshTokenCiphertext,
        accessTokenExpiresAt: new Date(),
      })
      .where(eq(jiraGrants.id, grantId));
    await expect(reasonOf(getAccessToken(admin.orgId, grantId))).resolves.toBe('ok');
    expect(await connectionRow(connectionId)).toMatchObject({ status: 'connected', statusReason: null });
  });

  it('allowRefresh: false returns a still-valid stored token and never asks Atlassian', async () => {
    const admin = await newAdmin('No refresh');
    const { grantId } = await connectSite(admin);
    await harness.resetCounters();

    // connectSite marked the token expired: nothing to return, and no refresh either.
    await expect(getAccessToken(admin.orgId, grantId, { allowRefresh: false })).rejects.toBeInstanceOf(
      AccessTokenExpiredError,
    );
    expect(tokenRequests(await harness.counters())).toBe(0);

    const inAMinute = new Date(Date.now() + 60_000);
    await harness.db().update(jiraGrants).set({ accessTokenExpiresAt: inAMinute }).where(eq(jiraGrants.id, grantId));
    await expect(getAccessToken(admin.orgId, grantId, { allowRefresh: false })).resolves.toEqual(expect.any(String));
    expect(tokenRequests(await harness.counters())).toBe(0);
  });

  it('shares one failed refresh with every caller waiting for it, instead of queueing a request each', async () => {
    const admin = await newAdmin('Outage herd');
    const { grantId } = await connectSite(admin);
    await harness.control('faults', { route: 'token', count: 100, status: 503, delayMs: 100 });
    await harness.resetCounters();

    const reasons = await Promise.all(Array.from({ length: 50 }, () => reasonOf(getAccessToken(admin.orgId, grantId))));

    expect(new Set(reasons)).toEqual(new Set(['atlassian_unavailable']));
    expect(tokenRequests(await harness.counters())).toBe(1);
    expect(await grantRow(grantId)).toMatchObject({ status: 'active', refreshFailureCount: 1 });
    // Nothing is remembered beyond that wave: the next caller asks Atlassian again.
    await fetch(`${harness.sandboxUrl()}/__sandbox/faults`, { method: 'DELETE' });
    await expect(reasonOf(getAccessToken(admin.orgId, grantId))).resolves.toBe('ok');
  });

  it('commits every rotation: after the reuse leeway only the stored token works, and the old one is refused', async () => {
    const admin = await newAdmin('Rotation');
    const { connectionId, grantId } = await connectSite(admin);
    const original = await grantRow(grantId);
    const oldRefreshToken = openRefreshToken(original);

    await getAccessToken(admin.orgId, grantId);

    const rotated = await grantRow(grantId);
    expect(rotated.refreshTokenCiphertext).not.toBe(original.refreshTokenCiphertext);
    const newRefreshToken = openRefreshToken(rotated);
    const issued = (await harness.tokens()).refreshTokens.find((token) => token.token === newRefreshToken);
    expect(issued?.parent).toBe(oldRefreshToken);

    // Past the 600 s reuse leeway, a refresh with anything but the newest token would kill the grant.
    await harness.db().update(jiraGrants).set({ accessTokenExpiresAt: new Date() }).where(eq(jiraGrants.id, grantId));
    await setKnobs({ advanceClockSecs: 601, accessTokenLifetimeSecs: 3600 });
    await expect(checkConnection(admin.orgId, connectionId)).resolves.toMatchObject({ ok: true });
    const counters = await harness.counters();
    expect(counters.tokenGrants.refresh_token).toBe(2);
    expect(counters.refreshFailures).toBe(0);
    expect(await grantRow(grantId)).toMatchObject({ status: 'active' });

    const replay = await harness.refreshAtSandbox(oldRefreshToken);
    expect(replay.status).toBe(403);
    await expect(replay.json()).resolves.toMatchObject({ error: 'invalid_grant' });
  });

  describe('tokens at rest', () => {
    it('stores no plaintext token anywhere, and each ciphertext opens only under its own grant and column', async () => {
      const admin = await newAdmin('At rest');
      await harness.control('consents', { clientId: SANDBOX_APP.clientId, cloudIds: [LABS_CLOUD_ID] });
      const consent = await harness.startConsent(admin);
      const result = await handleCallback(
        admin,
        await harness.approveConsent(consent.authorizeUrl, MAIN_CLOUD_ID),
        consent.browserBinding,
      );
      if (result.kind !== 'choose_site') throw new Error('expected the site picker');
      const issued = await harness.tokens();
      const plaintexts = [
        ...issued.accessTokens.map((token) => token.token),
        ...issued.refreshTokens.map((token) => token.token),
      ];
      expect(plaintexts).toHaveLength(2);

      // While the admin picks a site, the tokens wait sealed in the pending row.
      await expectNoPlaintext(plaintexts);
      const { connectionId } = await completePendingAuthorization(admin, result.pendingId, MAIN_CLOUD_ID);
      await expectNoPlaintext(plaintexts);
      const [pending] = await harness
        .db()
        .select()
        .from(jiraPendingAuthorizations)
        .where(eq(jiraPendingAuthorizations.id, result.pendingId));
      expect(pending!.tokenSetCiphertext).toBe('');

      const { grantId } = await connectionRow(connectionId!);
      const grant = await grantRow(grantId!);
      const [accessToken, refreshToken] = plaintexts;
      const open = (ciphertext: string | null, aad: string) => decryptSecret(appKeyring(), ciphertext!, aad);
      expect(open(grant.accessTokenCiphertext, `jira_grant:${grant.id}:access_token`)).toBe(accessToken);
      expect(open(grant.refreshTokenCiphertext, `jira_grant:${grant.id}:refresh_token`)).toBe(refreshToken);

      const wrongPlaces = [
        [grant.accessTokenCiphertext, `jira_grant:${grant.id}:refresh_token`],
        [grant.refreshTokenCiphertext, `jira_grant:${grant.id}:access_token`],
        [grant.accessTokenCiphertext, `jira_grant:${randomUUID()}:access_token`],
        [grant.refreshTokenCiphertext, `jira_pending:${result.pendingId}:tokens`],
      ] as const;
      for (const [ciphertext, aad] of wrongPlaces) {
        expect(() => open(ciphertext, aad)).toThrow(DecryptionError);
      }
    });
  });
});

/** Every row of every Jira table, as text: no issued token may appear in any column. */
async function expectNoPlaintext(tokens: string[]) {
  const tables = [
    'jira_grants',
    'jira_connections',
    'jira_pending_authorizations',
    'jira_oauth_states',
    'jira_audit_events',
  ];
  let scanned = 0;
  for (const table of tables) {
    const rows = await harness
      .db()
      .execute<{ row: string }>(sql`select row_to_json(t)::text as row from ${sql.identifier(table)} t`);
    scanned += rows.length;
    for (const { row } of rows) {
      for (const token of tokens) expect(row.includes(token), `${table} holds a plaintext token`).toBe(false);
    }
  }
  expect(scanned).toBeGreaterThan(0);
}
