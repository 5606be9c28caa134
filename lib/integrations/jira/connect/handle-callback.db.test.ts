import { eq } from 'drizzle-orm';
import { beforeEach, describe, expect, it } from 'vitest';
import { jiraAuditEvents, jiraConnections, jiraGrants, jiraOauthStates, jiraSyncStates } from '@/db/schema';
import {
  createOrgMembers,
  GRANT_TYPES,
  MAIN_CLOUD_ID,
  setupJiraHarness,
  snapshotConnectionsAndGrants,
  stateHash,
  tokenRequests,
} from '@/tests/jira-harness';
import { handleCallback } from './handle-callback';

const harness = setupJiraHarness();

async function connectionsOf(orgId: string) {
  return harness.db().select().from(jiraConnections).where(eq(jiraConnections.organizationId, orgId));
}

async function grantsOf(orgId: string) {
  return harness.db().select().from(jiraGrants).where(eq(jiraGrants.organizationId, orgId));
}

// Under both of Atlassian's grant types (decision 012): one site per consent behaves the same under each.
describe.each(GRANT_TYPES)('handleCallback (%s-level app)', (grantType) => {
  beforeEach(async () => {
    await harness.resetSandbox();
    await harness.setGrantType(grantType);
  });

  it('connects a one-site consent: one code exchange, one grant, one connection, one audit event', async () => {
    const [admin] = await createOrgMembers(harness.db(), 'Happy', ['admin']);
    const consent = await harness.startConsent(admin!);
    const callback = await harness.approveConsent(consent.authorizeUrl, MAIN_CLOUD_ID);
    expect(callback.get('state')).toBe(consent.state);

    const result = await handleCallback(admin, callback, consent.browserBinding);

    expect(result).toEqual({ kind: 'done', outcome: 'connected', connectionId: expect.any(String) });
    const [connection] = await connectionsOf(admin!.orgId);
    const [grant] = await grantsOf(admin!.orgId);
    expect(connection).toMatchObject({
      cloudId: MAIN_CLOUD_ID,
      status: 'connected',
      grantId: grant!.id,
      connectedByUserId: admin!.userId,
    });
    expect(grant).toMatchObject({ status: 'active', atlassianAccountName: 'Mia Krystof' });
    const events = await harness
      .db()
      .select()
      .from(jiraAuditEvents)
      .where(eq(jiraAuditEvents.organizationId, admin!.orgId));
    expect(events.map((event) => event.action)).toEqual(['connect']);
    const [state] = await harness
      .db()
      .select()
      .from(jiraOauthStates)
      .where(eq(jiraOauthStates.stateHash, stateHash(consent.state)));
    expect(state).toMatchObject({ consumedAt: expect.any(Date), outcome: 'connected' });
    expect((await harness.counters()).tokenGrants).toEqual({ authorization_code: 1, refresh_token: 0 });
  });

  it('reconnects the same site onto the same connection with the new consent’s grant, retiring the old one, keeping its configuration', async () => {
    const [admin] = await createOrgMembers(harness.db(), 'Again', ['admin']);
    const first = await harness.startConsent(admin!);
    const connected = await handleCallback(
      admin,
      await harness.approveConsent(first.authorizeUrl, MAIN_CLOUD_ID),
      first.browserBinding,
    );
    const connectionId = connected.kind === 'done' ? connected.connectionId! : '';
    await harness
      .db()
      .update(jiraConnections)
      .set({ projectFilter: ['PLAT'] })
      .where(eq(jiraConnections.id, connectionId));
    const [grantBefore] = await grantsOf(admin!.orgId);

    const again = await harness.startConsent(admin!, connectionId);
    const result = await handleCallback(
      admin,
      await harness.approveConsent(again.authorizeUrl, MAIN_CLOUD_ID),
      again.browserBinding,
    );

    expect(result).toEqual({ kind: 'done', outcome: 'reconnected', connectionId });
    const connections = await connectionsOf(admin!.orgId);
    const grants = await grantsOf(admin!.orgId);
    expect(connections).toHaveLength(1);
    expect(connections[0]).toMatchObject({ projectFilter: ['PLAT'], status: 'connected' });
    expect(grants).toHaveLength(1);
    expect(grants[0]!.id).not.toBe(grantBefore!.id);
    expect(connections[0]!.grantId).toBe(grants[0]!.id);
    expect(grants[0]!.refreshTokenCiphertext).not.toBe(grantBefore!.refreshTokenCiphertext);
  });

  it.each([
    { kind: 'grant_needs_reconnect', clearedByReconnect: true },
    { kind: 'forbidden_scope', clearedByReconnect: true },
    { kind: 'forbidden', clearedByReconnect: false },
  ])('a reconnect clears a $kind sync failure only when a consent can fix it ($clearedByReconnect)', async ({ kind, clearedByReconnect }) => {
    const [admin] = await createOrgMembers(harness.db(), `Failing ${kind}`, ['admin']);
    const first = await harness.startConsent(admin!);
    const connected = await handleCallback(admin, await harness.approveConsent(first.authorizeUrl, MAIN_CLOUD_ID), first.browserBinding);
    const connectionId = connected.kind === 'done' ? connected.connectionId! : '';
    const failingSince = new Date(Date.now() - 3_600_000);
    const backedOffUntil = new Date(Date.now() + 3_600_000);
    await harness.db().insert(jiraSyncStates).values({
      connectionId,
      organizationId: admin!.orgId,
      lastErrorKind: kind,
      lastErrorMessage: 'The last sync failed.',
      failureCount: 4,
      failingSince,
      nextRunAt: backedOffUntil,
    });

    const again = await harness.startConsent(admin!, connectionId);
    await handleCallback(admin, await harness.approveConsent(again.authorizeUrl, MAIN_CLOUD_ID), again.browserBinding);

    const [state] = await harness.db().select().from(jiraSyncStates).where(eq(jiraSyncStates.connectionId, connectionId));
    if (clearedByReconnect) {
      expect(state).toMatchObject({ lastErrorKind: null, failureCount: 0, failingSince: null });
      expect(state!.nextRunAt!.getTime()).toBeLessThanOrEqual(Date.now());
    } else {
      expect(state).toMatchObject({ lastErrorKind: kind, failureCount: 4, failingSince, nextRunAt: backedOffUntil });
    }
  });

  it('records a Cancel at Atlassian as cancelled without a token request', async () => {
    const [admin] = await createOrgMembers(harness.db(), 'Cancel', ['admin']);
    const consent = await harness.startConsent(admin!);
    const callback = await harness.cancelConsent(consent.authorizeUrl);
    expect(callback.get('error')).toBe('access_denied');

    await expect(handleCallback(admin, callback, consent.browserBinding)).resolves.toEqual({
      kind: 'done',
      outcome: 'cancelled',
    });
    expect(await connectionsOf(admin!.orgId)).toEqual([]);
    expect(tokenRequests(await harness.counters())).toBe(0);
  });

  it('lets exactly one of 50 parallel uses of one state connect; the other 49 are invalid_state', async () => {
    const [admin] = await createOrgMembers(harness.db(), 'Race', ['admin']);
    const consent = await harness.startConsent(admin!);
    const callback = await harness.approveConsent(consent.authorizeUrl, MAIN_CLOUD_ID);

    const results = await Promise.all(
      Array.from({ length: 50 }, () => handleCallback(admin, new URLSearchParams(callback), consent.browserBinding)),
    );

    const outcomes = results.map((result) => (result.kind === 'done' ? result.outcome : result.kind));
    expect(outcomes.filter((outcome) => outcome === 'connected')).toHaveLength(1);
    expect(outcomes.filter((outcome) => outcome === 'invalid_state')).toHaveLength(49);
    const counters = await harness.counters();
    expect(counters.tokenGrants.authorization_code).toBe(1);
    expect(tokenRequests(counters)).toBe(1);
    expect(await connectionsOf(admin!.orgId)).toHaveLength(1);
    expect(await grantsOf(admin!.orgId)).toHaveLength(1);
  });

  describe('a member who is not an admin', () => {
    it('cannot complete a callback, even with a state and an approved code of their own', async () => {
      const [, member] = await createOrgMembers(harness.db(), 'Members', ['admin', 'member']);
      const consent = await harness.startConsent(member!);
      const callback = await harness.approveConsent(consent.authorizeUrl, MAIN_CLOUD_ID);
      const before = await snapshotConnectionsAndGrants(harness.db());

      await expect(handleCallback(member, callback, consent.browserBinding)).resolves.toEqual({
        kind: 'done',
        outcome: 'admin_only',
      });

      expect(await snapshotConnectionsAndGrants(harness.db())).toEqual(before);
      expect(tokenRequests(await harness.counters())).toBe(0);
    });

    it('cannot use an admin’s state and cookie, and does not burn it for the admin', async () => {
      const [admin, member] = await createOrgMembers(harness.db(), 'Borrowed', ['admin', 'member']);
      const consent = await harness.startConsent(admin!);
      const callback = await harness.approveConsent(consent.authorizeUrl, MAIN_CLOUD_ID);
      const before = await snapshotConnectionsAndGrants(harness.db());

      const stolen = await handleCallback(
        { ...member!, sessionId: admin!.sessionId },
        callback,
        consent.browserBinding,
      );

      expect(stolen).toEqual({ kind: 'done', outcome: 'admin_only' });
      expect(await snapshotConnectionsAndGrants(harness.db())).toEqual(before);
      expect(tokenRequests(await harness.counters())).toBe(0);
      await expect(handleCallback(admin, callback, consent.browserBinding)).resolves.toMatchObject({
        outcome: 'connected',
      });
    });
  });
});
