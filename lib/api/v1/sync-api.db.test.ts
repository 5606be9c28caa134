import { and, eq, sql } from 'drizzle-orm';
import { beforeAll, describe, expect, it } from 'vitest';
import { jiraAuditEvents, jiraConnections, jiraSyncStates } from '@/db/schema';
import { callApi } from '@/tests/api-client';
import { connectNewSite, createOrgMembers, setupJiraHarness } from '@/tests/jira-harness';

const harness = setupJiraHarness();
const { createApiKey } = await import('@/lib/api/keys/manage-keys');

type Body = Record<string, unknown> & { error?: { code: string; field?: string; message: string }; sync?: Record<string, unknown> };
const bodyOf = (answer: { body: unknown }) => answer.body as Body;

describe('/api/v1 sync controls', () => {
  let orgId: string;
  let key: string;
  let connectionId: string;
  let otherKey: string;

  beforeAll(async () => {
    const acme = await connectNewSite(harness, 'Acme');
    ({ orgId, connectionId } = acme);
    key = (await createApiKey(orgId, acme.admin.userId, 'Acme backend')).secret;
    const [globex] = await createOrgMembers(harness.db(), 'Globex', ['admin']);
    otherKey = (await createApiKey(globex!.orgId, globex!.userId, 'Globex backend')).secret;
  });

  const patch = (body: unknown, apiKey = key) => callApi('PATCH', `/connections/${connectionId}`, { key: apiKey, body });
  const syncState = async () => (await harness.db().select().from(jiraSyncStates).where(eq(jiraSyncStates.connectionId, connectionId)))[0];
  const interval = async () => (await harness.db().select({ secs: jiraConnections.refreshIntervalSecs }).from(jiraConnections).where(eq(jiraConnections.id, connectionId)))[0]!.secs;

  it('shows the sync state in the connection’s GET', async () => {
    const answer = await callApi('GET', `/connections/${connectionId}`, { key });
    expect(answer.status).toBe(200);
    expect(bodyOf(answer).sync).toMatchObject({ paused: false, backfill: { done: 0 }, failure: null, ticket_count: 0, counts_by_status: { OPEN: 0, UNKNOWN: 0 } });
    expect(bodyOf(answer).refresh_interval_secs).toBe(900);
  });

  it('pauses through PATCH: the state says paused, Sync now is refused with what to do, and resuming allows it again', async () => {
    const paused = await patch({ paused: true });
    expect(paused.status).toBe(200);
    expect(bodyOf(paused).sync).toMatchObject({ state: 'paused', paused: true, next_sync_at: null });
    expect((await syncState())?.paused).toBe(true);

    const refused = await callApi('POST', `/connections/${connectionId}/sync`, { key });
    expect(refused.status).toBe(409);
    expect(bodyOf(refused).error).toMatchObject({ code: 'conflict' });
    expect(bodyOf(refused).error!.message).toMatch(/paused.*\{"paused": false\}/);

    const resumed = await patch({ paused: false });
    expect(bodyOf(resumed).sync).toMatchObject({ paused: false });
    const started = await callApi('POST', `/connections/${connectionId}/sync`, { key });
    expect(started.status).toBe(202);
    expect(bodyOf(started).sync).toMatchObject({ paused: false });

    const audited = await harness.db().select({ action: jiraAuditEvents.action, detail: jiraAuditEvents.detail }).from(jiraAuditEvents)
      .where(and(eq(jiraAuditEvents.connectionId, connectionId), sql`${jiraAuditEvents.action} like 'sync_%'`));
    expect(audited.map((event) => event.action)).toEqual(expect.arrayContaining(['sync_paused', 'sync_resumed', 'sync_requested']));
    expect(audited.every((event) => (event.detail as { via?: string }).via === 'api')).toBe(true);
  });

  it('takes a refresh interval from 60 to 86400 seconds and refuses anything else, naming the field and changing nothing', async () => {
    for (const secs of [60, 86_400, 3_600]) {
      const answer = await patch({ refresh_interval_secs: secs });
      expect(answer.status).toBe(200);
      expect(bodyOf(answer)).toMatchObject({ refresh_interval_secs: secs, sync: { paused: false } });
    }
    for (const refresh_interval_secs of [59, 86_401, 90.5, '600', null, -1]) {
      const answer = await patch({ refresh_interval_secs });
      expect(answer.status).toBe(422);
      expect(bodyOf(answer).error).toMatchObject({ code: 'validation_failed', field: 'refresh_interval_secs' });
    }
    expect((await patch({ paused: 'yes' })).status).toBe(422);
    expect(await interval()).toBe(3_600);
  });

  it('refuses Sync now for a connection nobody authorized yet', async () => {
    const pending = bodyOf(await callApi('POST', '/connections', { key, body: { vendor: 'JIRA', refresh_interval_secs: 120 } }));
    expect(pending.refresh_interval_secs).toBe(120);
    const answer = await callApi('POST', `/connections/${pending.id as string}/sync`, { key });
    expect(answer.status).toBe(409);
    expect(bodyOf(answer).error!.message).toMatch(/not connected to Jira.*authorize/);
    expect((await callApi('POST', '/connections', { key, body: { vendor: 'JIRA', refresh_interval_secs: 30 } })).status).toBe(422);
  });

  it('answers 404 for another organization’s connection, and changes nothing', async () => {
    const before = await syncState();
    expect((await callApi('POST', `/connections/${connectionId}/sync`, { key: otherKey })).status).toBe(404);
    expect((await patch({ paused: true }, otherKey)).status).toBe(404);
    expect((await patch({ refresh_interval_secs: 60 }, otherKey)).status).toBe(404);
    expect(await syncState()).toEqual(before);
    expect(await interval()).toBe(3_600);
  });
});
