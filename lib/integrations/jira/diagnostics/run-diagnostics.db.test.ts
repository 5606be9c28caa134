import { eq } from 'drizzle-orm';
import { beforeEach, describe, expect, it } from 'vitest';
import { jiraConnections, jiraGrants } from '@/db/schema';
import {
  connectNewSite,
  createOrgMembers,
  expireState,
  MAIN_CLOUD_ID,
  setupJiraHarness,
  SANDBOX_APP,
  tokenRequests,
} from '@/tests/jira-harness';
import { getLatestDiagnosticRun, listDiagnosticRuns, runDiagnostics } from '.';
import type { CheckResult, DiagnosticRun } from './types';
import { ensureWebhooks } from '../webhooks/ensure-webhooks';

const harness = setupJiraHarness();

/** Connects as an admin would: the connect flow then registers the site's webhooks (afterConnect). */
const connect = async (name: string) => {
  const site = await connectNewSite(harness, name);
  await ensureWebhooks(site.orgId, site.connectionId);
  return site;
};

const outcomes = (run: DiagnosticRun | undefined) =>
  Object.fromEntries((run?.checks ?? []).map((check) => [check.id, check.outcome]));
const check = (run: DiagnosticRun | undefined, id: CheckResult['id']) => run?.checks.find((entry) => entry.id === id);

async function connectionRow(connectionId: string) {
  const [row] = await harness.db().select().from(jiraConnections).where(eq(jiraConnections.id, connectionId));
  return row!;
}

describe('runDiagnostics against the sandbox', () => {
  beforeEach(async () => {
    await harness.resetSandbox();
  });

  it('default scenario: every check passes, the run is stored, and it takes a handful of calls', async () => {
    const { admin, connectionId } = await connect('Healthy');
    await harness
      .db()
      .update(jiraConnections)
      .set({ projectFilter: ['PLAT', 'MOB'] })
      .where(eq(jiraConnections.id, connectionId));
    await harness.resetCounters();

    const run = await runDiagnostics(admin.orgId, connectionId, { trigger: 'manual', actorUserId: admin.userId });

    expect(run?.outcome).toBe('pass');
    expect(outcomes(run)).toEqual({
      app_credentials: 'pass',
      grant: 'pass',
      site: 'pass',
      scopes: 'pass',
      authorizing_user: 'pass',
      projects: 'pass',
      rate_limits: 'pass',
      upstream: 'pass',
      callback: 'pass',
      webhooks: 'pass',
    });
    expect(check(run, 'authorizing_user')?.summary).toMatch(
      /Mia Krystof is active\. They are not a Jira administrator/,
    );
    const counters = await harness.counters();
    const calls = Object.values(counters.requests).reduce((sum, count) => sum + count, 0);
    expect(calls).toBeLessThanOrEqual(9);
    // Read back, the run also names who started it (the history shows "Run by <name>").
    expect(await getLatestDiagnosticRun(admin.orgId, connectionId)).toEqual({ ...run, startedByName: 'Healthy admin' });
  });

  it('missing-scopes: lists the missing scopes with what they block, keeps the 401 as evidence, asks for a reconnect', async () => {
    const { admin, connectionId } = await connect('Scopes');
    await harness.control('scenario', { name: 'missing-scopes' });

    const run = await runDiagnostics(admin.orgId, connectionId, { trigger: 'manual' });

    const scopes = check(run, 'scopes');
    expect(scopes).toMatchObject({ outcome: 'failure', action: 'reconnect' });
    expect(scopes?.summary).toMatch(/read:jira-user, manage:jira-configuration/);
    expect(scopes?.remedy).toMatch(/read:jira-user \(required\): knowing which Atlassian user/);
    expect(scopes?.evidence.some((entry) => /scope does not match/.test(entry.answered))).toBe(true);
    expect(check(run, 'authorizing_user')?.outcome).toBe('warning');
    expect((await connectionRow(connectionId)).status).toBe('connected');
  });

  it('restricted-projects: lists the inaccessible projects with the fix; green again once access is back', async () => {
    const { admin, connectionId } = await connect('Restricted');
    await harness
      .db()
      .update(jiraConnections)
      .set({ projectFilter: ['PLAT', 'HELP', 'MKT'] })
      .where(eq(jiraConnections.id, connectionId));
    await harness.control('scenario', { name: 'restricted-projects' });

    const failing = await runDiagnostics(admin.orgId, connectionId, { trigger: 'manual' });
    const projects = check(failing, 'projects');
    expect(failing?.outcome).toBe('failure');
    expect(projects).toMatchObject({ outcome: 'failure', action: 'edit_project_filter' });
    expect(projects?.summary).toMatch(/HELP, MKT/);
    expect(projects?.remedy).toMatch(/grants Browse Projects to Mia Krystof/);

    await harness.control('scenario', { name: 'default' });
    const fixed = await runDiagnostics(admin.orgId, connectionId, { trigger: 'manual' });
    expect(fixed?.outcome).toBe('pass');
    expect((await listDiagnosticRuns(admin.orgId, connectionId)).map((run) => run.outcome)).toEqual([
      'pass',
      'failure',
    ]);
  });

  it.each(['expired-grant', 'revoked'] as const)(
    '%s: the grant fails with reconnect and the connection needs a reconnect',
    async (scenario) => {
      const { admin, connectionId } = await connect(`Dead ${scenario}`);
      await harness.control('scenario', { name: scenario });

      const run = await runDiagnostics(admin.orgId, connectionId, { trigger: 'manual' });

      expect(check(run, 'grant')).toMatchObject({ outcome: 'failure', action: 'reconnect' });
      expect(check(run, 'upstream')).toMatchObject({ outcome: 'failure', action: 'reconnect' });
      expect(check(run, 'site')?.outcome).toBe('skipped');
      expect((await connectionRow(connectionId)).status).toBe('needs_reconnect');
    },
  );

  it('a wrong client secret: Portico’s app is blamed, nobody is sent to reconnect, the grant survives', async () => {
    const { admin, connectionId } = await connect('Secret');
    await harness.control('apps', { ...SANDBOX_APP, clientSecret: 'rotated-in-the-developer-console' });

    const run = await runDiagnostics(admin.orgId, connectionId, { trigger: 'manual' });

    // The sandbox app is the platform's: the operator fixes it, no admin is sent anywhere.
    expect(check(run, 'app_credentials')).toMatchObject({ outcome: 'failure', action: null });
    expect(check(run, 'upstream')).toMatchObject({ outcome: 'failure', action: null });
    expect(check(run, 'grant')?.outcome).toBe('skipped');
    const [grant] = await harness.db().select().from(jiraGrants).where(eq(jiraGrants.organizationId, admin.orgId));
    expect(grant?.status).toBe('active');
    expect(grant?.refreshTokenCiphertext).not.toBeNull();
  });

  it('tokens sealed under a removed key: the grant check names it and asks for a reconnect, the run completes', async () => {
    const { admin, connectionId } = await connect('Removed key');
    const [grant] = await harness.db().select().from(jiraGrants).where(eq(jiraGrants.organizationId, admin.orgId));
    const underRemovedKey = (value: string | null) => value!.replace(/^v1\.[^.]+\./, 'v1.removed.');
    await harness
      .db()
      .update(jiraGrants)
      .set({
        accessTokenCiphertext: underRemovedKey(grant!.accessTokenCiphertext),
        refreshTokenCiphertext: underRemovedKey(grant!.refreshTokenCiphertext),
      })
      .where(eq(jiraGrants.id, grant!.id));

    const run = await runDiagnostics(admin.orgId, connectionId, { trigger: 'manual' });

    expect(run?.outcome).toBe('failure');
    expect(check(run, 'grant')).toMatchObject({ outcome: 'failure', action: 'reconnect' });
    expect(check(run, 'grant')?.summary).toMatch(/can no longer read the tokens .* key that encrypted them was removed/);
    expect(await connectionRow(connectionId)).toMatchObject({ status: 'needs_reconnect', statusReason: 'token_unreadable' });
  });

  it('an outage (every token and Jira call 503) is a warning, and the connection stays connected', async () => {
    const { admin, connectionId } = await connect('Outage');
    await harness.control('faults', { route: '*', count: 100, status: 503 });

    const run = await runDiagnostics(admin.orgId, connectionId, { trigger: 'scheduled' });

    expect(run?.outcome).not.toBe('failure');
    expect(check(run, 'upstream')).toMatchObject({ outcome: 'warning', action: 'rerun' });
    expect((await connectionRow(connectionId)).status).toBe('connected');
  });

  it('an unreachable token endpoint costs one refresh, not two: the stored token serves the other checks', async () => {
    const { admin, connectionId } = await connect('Token outage');
    // Inside the store's expiry margin but still valid: usable as it is, due for a refresh otherwise.
    const { grantId } = await connectionRow(connectionId);
    const soon = new Date(Date.now() + 30_000);
    const anHourAgo = new Date(Date.now() - 3_600_000);
    await harness
      .db()
      .update(jiraGrants)
      .set({ accessTokenExpiresAt: soon, lastRefreshedAt: anHourAgo })
      .where(eq(jiraGrants.id, grantId!));
    await harness.control('faults', { route: 'token', count: 100, status: 503 });
    await harness.resetCounters();

    const run = await runDiagnostics(admin.orgId, connectionId, { trigger: 'manual' });

    // One request for the credential probe, one for the refresh; no second refresh.
    expect(tokenRequests(await harness.counters())).toBe(2);
    const [grant] = await harness.db().select().from(jiraGrants).where(eq(jiraGrants.id, grantId!));
    expect(grant?.refreshFailureCount).toBe(1);
    expect(check(run, 'grant')).toMatchObject({ outcome: 'warning' });
    expect(check(run, 'grant')?.summary).toMatch(/the current access token still works/);
    expect(check(run, 'site')?.outcome).toBe('pass');
  });

  it('scheduled and API runs refresh only when the last refresh is over an hour old; manual runs always do', async () => {
    const { admin, connectionId } = await connect('Refresh policy');
    await harness.resetCounters();
    const refreshes = async () => (await harness.counters()).tokenGrants.refresh_token;

    const recent = await runDiagnostics(admin.orgId, connectionId, { trigger: 'scheduled' });
    expect(await refreshes()).toBe(0);
    expect(check(recent, 'grant')?.summary).toMatch(/refreshed it less than an hour ago/);
    expect(check(recent, 'grant')?.evidence[0]?.answered).toMatch(/under an hour before this run, so that refresh is the proof/);
    await runDiagnostics(admin.orgId, connectionId, { trigger: 'api' });
    expect(await refreshes()).toBe(0);

    await runDiagnostics(admin.orgId, connectionId, { trigger: 'manual' });
    expect(await refreshes()).toBe(1);

    const { grantId } = await connectionRow(connectionId);
    const twoHoursAgo = new Date(Date.now() - 2 * 3_600_000);
    await harness.db().update(jiraGrants).set({ lastRefreshedAt: twoHoursAgo }).where(eq(jiraGrants.id, grantId!));
    const stale = await runDiagnostics(admin.orgId, connectionId, { trigger: 'scheduled' });
    expect(await refreshes()).toBe(2);
    expect(check(stale, 'grant')?.summary).toMatch(/refreshed it just now/);
  });

  it('rate-limited: records the 429s with their reason and warns', async () => {
    const { admin, connectionId } = await connect('Throttled');
    await harness.control('scenario', { name: 'rate-limited' });
    await harness.control('knobs', { rateLimit: { limit: 2, windowSecs: 60 } });

    const run = await runDiagnostics(admin.orgId, connectionId, { trigger: 'manual' });

    expect(check(run, 'rate_limits')?.outcome).toBe('warning');
    expect(check(run, 'rate_limits')?.summary).toMatch(/jira-burst-based/);
    expect((await connectionRow(connectionId)).status).toBe('connected');
  });

  it('a site removed from the grant fails the site check with reconnect', async () => {
    const { admin, connectionId } = await connect('Removed');
    await harness.control('sites/remove', { cloudId: MAIN_CLOUD_ID });

    const run = await runDiagnostics(admin.orgId, connectionId, { trigger: 'manual' });

    expect(check(run, 'site')).toMatchObject({ outcome: 'failure', action: 'reconnect' });
    // Every Jira call 401s even after a good refresh: nothing tells the admin to wait and run again.
    expect(run?.checks.filter((entry) => entry.action === 'rerun').map((entry) => entry.id)).toEqual([]);
    expect(JSON.stringify(run?.checks)).not.toMatch(/few minutes/);
    expect(check(run, 'upstream')).toMatchObject({ outcome: 'failure', action: 'reconnect' });
  });

  it('retries its own 429 once, honouring a short Retry-After, and the check it belonged to passes', async () => {
    const { admin, connectionId } = await connect('Burst');
    await harness.resetCounters();
    await harness.control('faults', {
      route: 'myself',
      count: 1,
      status: 429,
      headers: { 'retry-after': '1', 'ratelimit-reason': 'jira-burst-based' },
      body: { errorMessages: ['Rate limit exceeded.'] },
    });

    const run = await runDiagnostics(admin.orgId, connectionId, { trigger: 'manual' });

    expect(check(run, 'authorizing_user')?.outcome).toBe('pass');
    expect((await harness.counters()).requests.myself).toBe(2);
    expect(check(run, 'rate_limits')?.evidence[1]?.answered).toMatch(/HTTP 429.*Retry-After 1 s/);
  });

  it('does not wait out a long Retry-After: the call fails fast and the check warns', async () => {
    const { admin, connectionId } = await connect('Quota');
    await harness.resetCounters();
    await harness.control('faults', {
      route: 'myself',
      count: 1,
      status: 429,
      headers: { 'retry-after': '1800', 'ratelimit-reason': 'jira-quota-tenant-based' },
    });

    const run = await runDiagnostics(admin.orgId, connectionId, { trigger: 'manual' });

    expect(check(run, 'authorizing_user')).toMatchObject({ outcome: 'warning', action: 'rerun' });
    expect((await harness.counters()).requests.myself).toBe(1);
  });

  it('an authorization started and never returned warns with the callback URL', async () => {
    const { admin, connectionId } = await connect('Abandoned');
    const started = await harness.startConsent(admin, connectionId);
    await expireState(harness.db(), started.state);

    const run = await runDiagnostics(admin.orgId, connectionId, { trigger: 'manual' });

    expect(check(run, 'callback')).toMatchObject({ outcome: 'warning', action: null });
    expect(check(run, 'callback')?.remedy).toMatch(/exactly http:\/\/portico\.test\/api\/integrations\/jira\/callback/);
  });

  it('a connection awaiting authorization gets mostly skipped checks that say so', async () => {
    const [admin] = await createOrgMembers(harness.db(), 'Pending', ['admin']);
    const [row] = await harness
      .db()
      .insert(jiraConnections)
      .values({ organizationId: admin!.orgId, status: 'pending_authorization', createdVia: 'api' })
      .returning({ id: jiraConnections.id });

    const run = await runDiagnostics(admin!.orgId, row!.id, { trigger: 'api' });

    expect(outcomes(run)).toMatchObject({
      app_credentials: 'pass',
      grant: 'skipped',
      site: 'skipped',
      scopes: 'skipped',
      projects: 'skipped',
      callback: 'pass',
    });
    expect(check(run, 'grant')?.summary).toMatch(/not authorized yet/);
  });

  it('a disconnected connection is checked without touching Atlassian on its behalf', async () => {
    const { admin, connectionId } = await connect('Gone');
    await harness
      .db()
      .update(jiraConnections)
      .set({ status: 'disconnected', grantId: null })
      .where(eq(jiraConnections.id, connectionId));

    const run = await runDiagnostics(admin.orgId, connectionId, { trigger: 'manual' });

    expect(outcomes(run)).toMatchObject({
      app_credentials: 'pass',
      grant: 'skipped',
      site: 'skipped',
      projects: 'skipped',
    });
    expect(check(run, 'grant')?.summary).toMatch(/disconnected/);
  });

  it('another organization’s connection, or a malformed id, is no such connection', async () => {
    const { connectionId } = await connect('Owner');
    const [stranger] = await createOrgMembers(harness.db(), 'Stranger', ['admin']);
    expect(await runDiagnostics(stranger!.orgId, connectionId, { trigger: 'manual' })).toBeUndefined();
    expect(await runDiagnostics(stranger!.orgId, 'not-a-uuid', { trigger: 'manual' })).toBeUndefined();
    expect(await listDiagnosticRuns(stranger!.orgId, connectionId)).toEqual([]);
  });

  it('never stores a token or the client secret', async () => {
    const { admin, connectionId } = await connect('Leak');
    await runDiagnostics(admin.orgId, connectionId, { trigger: 'manual' });
    const stored = JSON.stringify(await listDiagnosticRuns(admin.orgId, connectionId));
    const tokens = await harness.tokens();
    for (const token of [...tokens.accessTokens, ...tokens.refreshTokens]) expect(stored).not.toContain(token.token);
    expect(stored).not.toContain(SANDBOX_APP.clientSecret);
  });
});
