import { and, eq, sql } from 'drizzle-orm';
import { beforeEach, describe, expect, it } from 'vitest';
import { saveMetadata, storeMetadata } from '@/db/queries/jira-metadata';
import { connectionEvents, jiraAuditEvents, jiraConnections } from '@/db/schema';
import { MAIN_CLOUD_ID, setupJiraHarness } from '@/tests/jira-harness';
import { connectSite } from './metadata.testing';
import { getCachedMetadata, refreshMetadata } from './metadata-cache';
import type { JiraMetadata } from './types';

const harness = setupJiraHarness();

async function driftEventsOf(orgId: string) {
  return harness
    .db()
    .select({ connectionId: connectionEvents.connectionId, payload: connectionEvents.payload })
    .from(connectionEvents)
    .where(and(eq(connectionEvents.organizationId, orgId), eq(connectionEvents.type, 'mapping.drift_detected')))
    .orderBy(connectionEvents.occurredAt);
}

async function driftAuditOf(orgId: string) {
  return harness
    .db()
    .select({ detail: jiraAuditEvents.detail })
    .from(jiraAuditEvents)
    .where(and(eq(jiraAuditEvents.organizationId, orgId), eq(jiraAuditEvents.action, 'drift_detected')));
}

/** The metadata Jira would answer after an admin added these statuses and priorities. */
function withNew(metadata: JiraMetadata, added: { statuses?: string[]; priorities?: string[] }): JiraMetadata {
  return {
    ...metadata,
    fetchedAt: new Date().toISOString(),
    statuses: [
      ...metadata.statuses,
      ...(added.statuses ?? []).map((name, index) => ({ id: `9900${index}`, name, category: 'IN_PROGRESS' as const, usages: [{ projectKey: 'PLAT', issueTypes: ['Task'] }] })),
    ],
    priorities: [...metadata.priorities, ...(added.priorities ?? []).map((name, index) => ({ id: `9800${index}`, name, position: metadata.priorities.length + index }))],
  };
}

async function until(condition: () => Promise<boolean>, timeoutMs = 30_000) {
  const deadline = Date.now() + timeoutMs;
  while (!(await condition())) {
    if (Date.now() > deadline) throw new Error('condition not met in time');
    await new Promise((resolve) => setTimeout(resolve, 25));
  }
}

describe('mapping.drift_detected from metadata refreshes', () => {
  beforeEach(async () => {
    await harness.control('scenario', { name: 'default' });
    await harness.resetSandbox();
  });

  it('nothing on the first read after connect nor on an unchanged refresh; once per change of new unmapped values, by id and name', async () => {
    const { orgId, connectionId } = await connectSite(harness, MAIN_CLOUD_ID);
    const first = await refreshMetadata(orgId, connectionId);
    expect(first?.statuses.length).toBeGreaterThan(0);
    expect(await driftEventsOf(orgId)).toEqual([]);

    await refreshMetadata(orgId, connectionId, { force: true });
    expect(await driftEventsOf(orgId)).toEqual([]);

    const changed = withNew(first!, { statuses: ['In QA'], priorities: ['Urgent'] });
    await saveMetadata(orgId, connectionId, changed);
    const events = await driftEventsOf(orgId);
    expect(events).toEqual([
      { connectionId, payload: { statuses: [{ id: '99000', name: 'In QA' }], priorities: [{ id: '98000', name: 'Urgent' }] } },
    ]);
    expect(await driftAuditOf(orgId)).toEqual([{ detail: { statuses: [{ id: '99000', name: 'In QA' }], priorities: [{ id: '98000', name: 'Urgent' }] } }]);
    // Only ids and names: no usages, icon URLs or anything else Jira said about the values.
    expect(JSON.stringify(events)).not.toMatch(/usages|iconUrl|projectKey/);

    // The same new values on the next refresh are not new any more.
    await saveMetadata(orgId, connectionId, { ...changed, fetchedAt: new Date().toISOString() });
    expect(await driftEventsOf(orgId)).toHaveLength(1);

    // A real refresh drops them again (the sandbox never had them): a removal is no drift either.
    await refreshMetadata(orgId, connectionId, { force: true });
    expect(await driftEventsOf(orgId)).toHaveLength(1);
  });

  it('a new value that the mapping already maps is no drift', async () => {
    const { orgId, connectionId } = await connectSite(harness, MAIN_CLOUD_ID);
    const first = await refreshMetadata(orgId, connectionId);
    await harness.db().update(jiraConnections).set({ statusMapping: { '99000': 'IN_PROGRESS' } }).where(eq(jiraConnections.id, connectionId));
    await saveMetadata(orgId, connectionId, withNew(first!, { statuses: ['Review'] }));
    expect(await driftEventsOf(orgId)).toEqual([]);
  });

  it('a store that rolls back leaves neither the event nor the audit row, and the values stay new for the next one', async () => {
    const { orgId, connectionId } = await connectSite(harness, MAIN_CLOUD_ID);
    const first = await refreshMetadata(orgId, connectionId);
    const changed = withNew(first!, { statuses: ['Blocked'] });
    await expect(
      harness.db().transaction(async (tx) => {
        await storeMetadata(tx, orgId, connectionId, changed);
        throw new Error('the refresh failed after storing');
      }),
    ).rejects.toThrow('the refresh failed after storing');
    expect(await driftEventsOf(orgId)).toEqual([]);
    expect(await driftAuditOf(orgId)).toEqual([]);

    await saveMetadata(orgId, connectionId, changed);
    expect(await driftEventsOf(orgId)).toEqual([{ connectionId, payload: { statuses: [{ id: '99000', name: 'Blocked' }], priorities: [] } }]);
  });

  it('two stores of the same new values racing: exactly one event (the second waits for the first’s row and sees its values)', async () => {
    const { orgId, connectionId } = await connectSite(harness, MAIN_CLOUD_ID);
    const first = await refreshMetadata(orgId, connectionId);
    const changed = withNew(first!, { priorities: ['Urgent'] });
    let stored!: () => void;
    let release!: () => void;
    const firstStored = new Promise<void>((resolve) => (stored = resolve));
    const gate = new Promise<void>((resolve) => (release = resolve));
    const a = harness.db().transaction(async (tx) => {
      await storeMetadata(tx, orgId, connectionId, changed);
      stored();
      await gate;
    });
    await firstStored;
    const b = harness.db().transaction((tx) => storeMetadata(tx, orgId, connectionId, { ...changed, fetchedAt: new Date().toISOString() }));
    // Forces the interleaving: B has read nothing yet and waits on A's row lock before A commits.
    await until(async () => {
      const waiting = await harness.db().execute(sql`select 1 from pg_stat_activity where datname = current_database() and wait_event_type = 'Lock' and query ilike '%jira_metadata_cache%'`);
      return waiting.length > 0;
    });
    release();
    await Promise.all([a, b]);
    expect(await driftEventsOf(orgId)).toEqual([{ connectionId, payload: { statuses: [], priorities: [{ id: '98000', name: 'Urgent' }] } }]);
  });

  it('a first read after failed attempts is still the first read', async () => {
    const { orgId, connectionId } = await connectSite(harness, MAIN_CLOUD_ID);
    await harness.control('faults', { route: 'priority/search', status: 503, count: 20 });
    expect(await refreshMetadata(orgId, connectionId)).toBeUndefined();
    expect((await getCachedMetadata(orgId, connectionId)).lastError).toMatchObject({ kind: 'upstream' });
    await fetch(`${harness.sandboxUrl()}/__sandbox/faults`, { method: 'DELETE' });
    expect(await refreshMetadata(orgId, connectionId, { force: true })).toBeDefined();
    expect(await driftEventsOf(orgId)).toEqual([]);
  });
});
