import { and, eq, sql } from 'drizzle-orm';
import { beforeEach, describe, expect, it } from 'vitest';
import { insertPendingConnection, deleteApiConnection } from '@/db/queries/api-connections';
import { recordActivity } from '@/db/queries/connection-activity';
import { insertDiagnosticRun } from '@/db/queries/jira-diagnostics';
import { getJiraConfig, saveJiraConfig } from '@/db/queries/jira-config';
import { connectionEvents, jiraAuditEvents, jiraConnections } from '@/db/schema';
import { disconnectConnection } from '@/lib/integrations/jira/connect/disconnect';
import { getAccessToken } from '@/lib/integrations/jira/token-store';
import { connectNewSite, setupJiraHarness } from '@/tests/jira-harness';

const harness = setupJiraHarness();

async function eventsOf(orgId: string) {
  return harness
    .db()
    .select({ type: connectionEvents.type, connectionId: connectionEvents.connectionId, payload: connectionEvents.payload })
    .from(connectionEvents)
    .where(eq(connectionEvents.organizationId, orgId))
    .orderBy(connectionEvents.occurredAt, connectionEvents.type);
}

async function typesOf(orgId: string) {
  return (await eventsOf(orgId)).map((event) => event.type);
}

describe('connection events are written with the change, exactly once', () => {
  beforeEach(() => harness.resetSandbox());

  it('connect: connection.created and connection.authorized, once each, in the audit transaction', async () => {
    const { orgId, connectionId } = await connectNewSite(harness, 'Events connect');
    const events = await eventsOf(orgId);
    expect(events.map((event) => event.type).sort()).toEqual(['connection.authorized', 'connection.created']);
    expect(events.every((event) => event.connectionId === connectionId)).toBe(true);
    const audit = await harness.db().select({ action: jiraAuditEvents.action }).from(jiraAuditEvents).where(eq(jiraAuditEvents.organizationId, orgId));
    expect(audit.map((row) => row.action)).toEqual(['connect']);
  });

  it('an API-created connection: connection.created at creation, connection.deleted (with its id) at deletion', async () => {
    const { orgId, admin } = await connectNewSite(harness, 'Events api');
    await harness.db().delete(connectionEvents).where(eq(connectionEvents.organizationId, orgId));
    const id = await insertPendingConnection(orgId, {
      projectFilter: [],
      requestedMappings: null,
      apiKeyId: (await harness.db().execute<{ id: string }>(sql`insert into api_keys (organization_id, name, prefix, secret_hash) values (${orgId}, 'k', 'p', ${`h-${orgId}`}) returning id`))[0]!.id,
      link: { tokenHash: `events-${orgId}`, expiresAt: new Date(Date.now() + 60_000) },
    });
    expect(await typesOf(orgId)).toEqual(['connection.created']);
    await deleteApiConnection(orgId, id, 'ignored', async () => {});
    const events = await eventsOf(orgId);
    expect(events.map((event) => event.type)).toEqual(['connection.created', 'connection.deleted']);
    expect(events[1]!.connectionId).toBe(id);
    expect(admin.orgId).toBe(orgId);
  });

  it('mapping saved and rolled back once each; a stale save emits nothing', async () => {
    const { orgId, connectionId, admin } = await connectNewSite(harness, 'Events mapping');
    const current = (await getJiraConfig(orgId, connectionId))!;
    const saved = await saveJiraConfig(orgId, connectionId, admin.userId, current.version, { ...current.config, projectFilter: ['OPS'] });
    expect(saved.ok).toBe(true);
    const stale = await saveJiraConfig(orgId, connectionId, admin.userId, current.version, { ...current.config, projectFilter: ['XYZ'] });
    expect(stale).toMatchObject({ ok: false, reason: 'stale_version' });
    const back = await saveJiraConfig(orgId, connectionId, admin.userId, current.version + 1, current.config, { rolledBackTo: current.version });
    expect(back.ok).toBe(true);
    const types = await typesOf(orgId);
    expect(types.filter((type) => type.startsWith('mapping.'))).toEqual(['mapping.saved', 'mapping.rolled_back']);
  });

  it('needs_reconnect once, with the reason, when Atlassian refuses the grant (a second refusal adds none)', async () => {
    const { orgId, connectionId } = await connectNewSite(harness, 'Events revoked');
    const [row] = await harness.db().select({ grantId: jiraConnections.grantId }).from(jiraConnections).where(eq(jiraConnections.id, connectionId));
    await harness.control('scenario', { name: 'revoked' });
    await expect(getAccessToken(orgId, row!.grantId!, { forceRefresh: true })).rejects.toThrow();
    await getAccessToken(orgId, row!.grantId!, { forceRefresh: true }).catch(() => undefined);
    const events = (await eventsOf(orgId)).filter((event) => event.type === 'connection.needs_reconnect');
    expect(events).toHaveLength(1);
    expect(events[0]!.payload).toEqual({ reason: 'grant_refused' });
  });

  it('health_changed names the checks that changed, and nothing when a run repeats the last one', async () => {
    const { orgId, connectionId } = await connectNewSite(harness, 'Events health');
    const run = (outcome: string, results: unknown[]) =>
      insertDiagnosticRun(orgId, { connectionId, trigger: 'manual', triggeredByUserId: null, outcome, results, startedAt: new Date(), finishedAt: new Date() });
    await run('success', [{ id: 'grant_alive', outcome: 'success' }, { id: 'scopes', outcome: 'success' }]);
    await run('success', [{ id: 'grant_alive', outcome: 'success' }, { id: 'scopes', outcome: 'success' }]);
    await run('failure', [{ id: 'grant_alive', outcome: 'failure' }, { id: 'scopes', outcome: 'success' }]);
    const changes = (await eventsOf(orgId)).filter((event) => event.type === 'connection.health_changed');
    expect(changes).toHaveLength(1);
    expect(changes[0]!.payload).toEqual({ outcome: 'failure', previous_outcome: 'success', checks: [{ id: 'grant_alive', from: 'success', to: 'failure' }] });
  });

  it('disconnect: connection.disconnected once', async () => {
    const { orgId, connectionId, admin } = await connectNewSite(harness, 'Events disconnect');
    await disconnectConnection(admin, connectionId, false);
    expect((await typesOf(orgId)).filter((type) => type === 'connection.disconnected')).toHaveLength(1);
  });

  it('a change that rolls back leaves no event and no audit row (the outbox commits with it or not at all)', async () => {
    const { orgId, connectionId } = await connectNewSite(harness, 'Events rollback');
    const before = await typesOf(orgId);
    await expect(
      harness.db().transaction(async (tx) => {
        await recordActivity(tx, { organizationId: orgId, connectionId, action: 'disconnect', detail: { site: 'x' } });
        await recordActivity(tx, { organizationId: orgId, connectionId, action: 'config_saved', detail: { version: 9 } });
        throw new Error('the change failed after its events were written');
      }),
    ).rejects.toThrow('the change failed');
    expect(await typesOf(orgId)).toEqual(before);
    const audit = await harness
      .db()
      .select({ action: jiraAuditEvents.action })
      .from(jiraAuditEvents)
      .where(and(eq(jiraAuditEvents.organizationId, orgId), eq(jiraAuditEvents.action, 'disconnect')));
    expect(audit).toHaveLength(0);
  });
});

describe('sync events', () => {
  it('sync.failed once per failing streak (transient kinds only after they repeat), sync.recovered once when it clears', async () => {
    const { ensureSyncState, recordSyncFailure, updateSyncState } = await import('@/db/queries/jira-sync');
    const { orgId, connectionId } = await connectNewSite(harness, 'Events sync');
    await ensureSyncState(orgId, connectionId);
    const syncTypes = async () => (await typesOf(orgId)).filter((type) => type.startsWith('sync.'));
    const baseline = await syncTypes();
    await recordSyncFailure(orgId, connectionId, 'upstream', 'Jira did not answer.');
    await recordSyncFailure(orgId, connectionId, 'upstream', 'Jira did not answer.');
    expect(await syncTypes()).toEqual(baseline);
    await recordSyncFailure(orgId, connectionId, 'upstream', 'Jira did not answer.');
    await recordSyncFailure(orgId, connectionId, 'upstream', 'Jira did not answer.');
    expect(await syncTypes()).toEqual([...baseline, 'sync.failed']);
    const clear = { lastErrorKind: null, lastErrorMessage: null, failureCount: 0, failingSince: null };
    await updateSyncState(orgId, connectionId, clear);
    await updateSyncState(orgId, connectionId, clear);
    expect(await syncTypes()).toEqual([...baseline, 'sync.failed', 'sync.recovered']);
    await recordSyncFailure(orgId, connectionId, 'forbidden', 'The authorizing user may not browse.');
    const failed = (await eventsOf(orgId)).filter((event) => event.type === 'sync.failed');
    expect(failed).toHaveLength(2);
    expect(failed[1]!.payload).toMatchObject({ kind: 'forbidden', remedy: expect.stringContaining('Browse projects') });
  });
});

describe('backfill events', () => {
  it('sync.backfill_completed once, with the backfill’s last commit', async () => {
    const { updateJiraConfig } = await import('@/db/queries/jira-config');
    const { backfillToEnd } = await import('@/lib/integrations/jira/sync/sync-engine.testing');
    const { orgId, connectionId } = await connectNewSite(harness, 'Events backfill');
    await updateJiraConfig(orgId, connectionId, null, (config) => ({ ...config, projectFilter: ['PLAT'] }));
    await backfillToEnd(orgId, connectionId);
    await backfillToEnd(orgId, connectionId);
    const completed = (await eventsOf(orgId)).filter((event) => event.type === 'sync.backfill_completed');
    expect(completed).toHaveLength(1);
    expect(completed[0]!.connectionId).toBe(connectionId);
  });
});
