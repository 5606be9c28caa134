import { and, eq, sql } from 'drizzle-orm';
import { describe, expect, it } from 'vitest';
import { jiraConnections, jiraSyncStates, jiraTickets } from '@/db/schema';
import { updateJiraConfig } from '@/db/queries/jira-config';
import { renormalizeTickets } from '@/db/queries/jira-sync';
import { connectNewSite, setupJiraHarness } from '@/tests/jira-harness';
import { disconnectConnection } from '../connect/disconnect';
import { runBackfillStep } from './backfill-step';
import { runIncrementalStep } from './incremental-step';
import { normalizeIssue, standardPriorityFor, standardStatusFor, type MappingInForce } from './normalize-issue';
import { setSyncPaused } from './sync-controls';
import { backfillToEnd } from './sync-engine.testing';

const harness = setupJiraHarness();
const jiraRequests = async () => Object.entries((await harness.counters()).requests).reduce((sum, [, n]) => sum + n, 0);

/** Every issue id Jira shows this connection's user in `projects`, by the same search API. */
async function jiraIdsOf(orgId: string, connectionId: string, projects: string[]) {
  const { jiraClientForConnection } = await import('../connection-client');
  const client = await jiraClientForConnection(orgId, connectionId);
  const ids: string[] = [];
  let nextPageToken: string | undefined;
  do {
    const page = await client.searchIssues({ jql: `project in (${projects.map((p) => `"${p}"`).join(',')}) ORDER BY key ASC`, fields: ['key'], maxResults: 100, nextPageToken });
    ids.push(...page.issues.map((issue) => issue.id));
    nextPageToken = page.nextPageToken;
  } while (nextPageToken);
  return ids.sort();
}

const currentIds = async (connectionId: string) =>
  (
    await harness
      .db()
      .select({ id: jiraTickets.externalId })
      .from(jiraTickets)
      .where(and(eq(jiraTickets.connectionId, connectionId), eq(jiraTickets.inScope, true)))
  )
    .map((row) => row.id)
    .sort();

describe('sync engine', () => {
  it('backfills exactly the issues of the filtered projects, one set-based page at a time', async () => {
    const { orgId, connectionId } = await connectNewSite(harness, 'Backfill filter');
    await updateJiraConfig(orgId, connectionId, null, (config) => ({ ...config, projectFilter: ['PLAT', 'MOB'] }));
    const outcome = await backfillToEnd(orgId, connectionId);
    expect(outcome).toMatchObject({ kind: 'page', more: false, backfillDone: true });
    expect(await currentIds(connectionId)).toEqual(await jiraIdsOf(orgId, connectionId, ['PLAT', 'MOB']));
    const [state] = await harness.db().select().from(jiraSyncStates).where(eq(jiraSyncStates.connectionId, connectionId));
    expect(state).toMatchObject({ phase: 'incremental', backfillJql: null, syncedProjectFilter: ['PLAT', 'MOB'] });
    expect(state!.backfillDone).toBe((await currentIds(connectionId)).length);
  });

  it('re-normalizes only that connection’s tickets to the new mapping version, with 0 Jira calls', async () => {
    const mine = await connectNewSite(harness, 'Renormalize mine');
    const theirs = await connectNewSite(harness, 'Renormalize theirs');
    for (const site of [mine, theirs]) {
      await updateJiraConfig(site.orgId, site.connectionId, null, (config) => ({ ...config, projectFilter: ['PLAT'] }));
      await backfillToEnd(site.orgId, site.connectionId);
    }
    const theirsBefore = await harness.db().select().from(jiraTickets).where(eq(jiraTickets.connectionId, theirs.connectionId));
    const [sample] = await harness.db().select().from(jiraTickets).where(eq(jiraTickets.connectionId, mine.connectionId)).limit(1);
    const saved = await updateJiraConfig(mine.orgId, mine.connectionId, null, (config) => ({
      ...config,
      statusMapping: { ...config.statusMapping, [sample!.statusId]: 'BLOCKED' },
      priorityMapping: sample!.priorityId ? { ...config.priorityMapping, [sample!.priorityId]: 'LOW' } : config.priorityMapping,
    }));
    if (!saved.ok) throw new Error('save failed');

    await harness.resetCounters();
    const result = await renormalizeTickets(mine.orgId, mine.connectionId);
    expect(await jiraRequests()).toBe(0);
    expect(result.version).toBe(saved.version);

    const rows = await harness.db().select().from(jiraTickets).where(eq(jiraTickets.connectionId, mine.connectionId));
    expect(result.updated).toBe(rows.length);
    expect(new Set(rows.map((row) => row.mappingVersion))).toEqual(new Set([saved.version]));
    expect(rows.filter((row) => row.statusId === sample!.statusId).every((row) => row.standardStatus === 'BLOCKED')).toBe(true);
    // Another organization's tickets are untouched, to the last column.
    expect(await harness.db().select().from(jiraTickets).where(eq(jiraTickets.connectionId, theirs.connectionId))).toEqual(theirsBefore);
    // Running it again changes nothing: rows already at the version are left alone.
    expect((await renormalizeTickets(mine.orgId, mine.connectionId)).updated).toBe(0);
    // Another organization's id does not reach this connection.
    expect((await renormalizeTickets(theirs.orgId, mine.connectionId)).updated).toBe(0);
  });

  it('computes in SQL the same standard values as normalize-issue.ts, override first, unmapped UNKNOWN', async () => {
    const { orgId, connectionId } = await connectNewSite(harness, 'Renormalize parity');
    await updateJiraConfig(orgId, connectionId, null, (config) => ({ ...config, projectFilter: ['PLAT', 'MOB'] }));
    await backfillToEnd(orgId, connectionId);
    const rows = await harness.db().select().from(jiraTickets).where(eq(jiraTickets.connectionId, connectionId));
    const statusIds = [...new Set(rows.map((row) => row.statusId))];
    const priorityIds = [...new Set(rows.flatMap((row) => (row.priorityId ? [row.priorityId] : [])))];
    const saved = await updateJiraConfig(orgId, connectionId, null, (config) => ({
      ...config,
      // Half the statuses and priorities mapped, an override for MOB on one of them and one unmapped there.
      statusMapping: Object.fromEntries(statusIds.filter((_, i) => i % 2 === 0).map((id) => [id, 'IN_PROGRESS'])),
      priorityMapping: Object.fromEntries(priorityIds.filter((_, i) => i % 2 === 0).map((id) => [id, 'HIGH'])),
      projectOverrides: { MOB: Object.fromEntries(rows.filter((row) => row.projectKey === 'MOB').slice(0, 3).map((row) => [row.statusId, 'CANCELLED'])) },
    }));
    if (!saved.ok) throw new Error('save failed');
    await renormalizeTickets(orgId, connectionId);
    const [connection] = await harness.db().select().from(jiraConnections).where(eq(jiraConnections.id, connectionId));
    const mapping: MappingInForce = { version: connection!.configVersion, ...connection! };
    const after = await harness.db().select().from(jiraTickets).where(eq(jiraTickets.connectionId, connectionId));
    expect(new Set(after.map((row) => row.standardStatus)).size).toBeGreaterThan(2);
    for (const row of after) {
      expect([row.standardStatus, row.standardPriority]).toEqual([
        standardStatusFor(mapping, row.projectKey, row.statusId),
        standardPriorityFor(mapping, row.priorityId),
      ]);
      const again = normalizeIssue({ id: row.externalId, key: row.key, fields: row.vendorAttributes }, mapping);
      expect(again.ok && [again.ticket.standardStatus, again.ticket.standardPriority]).toEqual([row.standardStatus, row.standardPriority]);
    }
  });

  it('makes 0 Jira calls while paused, and picks up where it stopped once resumed', async () => {
    const { admin, orgId, connectionId } = await connectNewSite(harness, 'Pause');
    await updateJiraConfig(orgId, connectionId, null, (config) => ({ ...config, projectFilter: ['PLAT'] }));
    await runBackfillStep(orgId, connectionId);
    await runBackfillStep(orgId, connectionId, 0);
    await setSyncPaused(orgId, connectionId, true, { userId: admin.userId, via: 'console' });
    await harness.resetCounters();
    expect(await runBackfillStep(orgId, connectionId, 0)).toEqual({ kind: 'skipped', reason: 'paused' });
    expect(await runIncrementalStep(orgId, connectionId)).toEqual({ kind: 'skipped', reason: 'paused' });
    expect(await jiraRequests()).toBe(0);
    await setSyncPaused(orgId, connectionId, false, { userId: admin.userId, via: 'console' });
    await backfillToEnd(orgId, connectionId);
    expect(await currentIds(connectionId)).toEqual(await jiraIdsOf(orgId, connectionId, ['PLAT']));
  });

  it('stops syncing a disconnected connection, with 0 Jira calls', async () => {
    const { admin, orgId, connectionId } = await connectNewSite(harness, 'Disconnect');
    await updateJiraConfig(orgId, connectionId, null, (config) => ({ ...config, projectFilter: ['PLAT'] }));
    await backfillToEnd(orgId, connectionId);
    await disconnectConnection(admin, connectionId, false);
    await harness.resetCounters();
    expect(await runIncrementalStep(orgId, connectionId)).toEqual({ kind: 'skipped', reason: 'not_connected' });
    expect(await runBackfillStep(orgId, connectionId)).toEqual({ kind: 'skipped', reason: 'not_connected' });
    expect(await jiraRequests()).toBe(0);
  });

  it('marks the tickets of projects removed from the filter as no longer current, without a Jira call for them', async () => {
    const { orgId, connectionId } = await connectNewSite(harness, 'Filter shrinks');
    await updateJiraConfig(orgId, connectionId, null, (config) => ({ ...config, projectFilter: ['PLAT', 'MOB'] }));
    await backfillToEnd(orgId, connectionId);
    await updateJiraConfig(orgId, connectionId, null, (config) => ({ ...config, projectFilter: ['PLAT'] }));
    await runIncrementalStep(orgId, connectionId).catch(() => undefined);
    const rows = await harness
      .db()
      .select({ project: jiraTickets.projectKey, inScope: jiraTickets.inScope, n: sql<number>`count(*)::int` })
      .from(jiraTickets)
      .where(eq(jiraTickets.connectionId, connectionId))
      .groupBy(jiraTickets.projectKey, jiraTickets.inScope);
    expect(rows.filter((row) => row.project === 'MOB').every((row) => !row.inScope)).toBe(true);
    expect(rows.filter((row) => row.project === 'PLAT').every((row) => row.inScope)).toBe(true);
  });
});
