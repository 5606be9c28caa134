import { and, eq, inArray, isNull, sql } from 'drizzle-orm';
import { describe, expect, it } from 'vitest';
import { updateJiraConfig } from '@/db/queries/jira-config';
import { jiraReconciliationRuns, jiraTickets } from '@/db/schema';
import { connectNewSite, setupJiraHarness } from '@/tests/jira-harness';
import { enqueue } from '@/lib/jobs/enqueue';
import { setupJobEngine } from '@/tests/job-engine';
import { runBackfillStep } from '../backfill-step';
import { runIncrementalStep } from '../incremental-step';
import { backfillToEnd } from '../sync-engine.testing';
import { reconcileConnection } from './reconcile-connection';
import { reconcileDueJob, reconcileJob } from './reconcile-jobs';
import { getLatestReconciliation } from './reconciliation-report';
import { requestReconcileNow } from './request-reconcile';

const harness = setupJiraHarness();
const engine = setupJobEngine(harness);

type SandboxIssue = { id: string; key: string };
const deleteIssue = async (key: string) => {
  const response = await fetch(`${harness.sandboxUrl()}/__sandbox/issues/${key}`, { method: 'DELETE' });
  if (!response.ok) throw new Error(`delete ${key}: HTTP ${response.status}`);
  return ((await response.json()) as { deleted: SandboxIssue }).deleted;
};
const createIssue = (projectKey: string, summary: string) => harness.control<SandboxIssue>('issues', { projectKey, summary });
/** Every delivery dropped (the sandbox's webhook fault); a sandbox without webhooks sends none anyway. */
const dropAllDeliveries = () =>
  fetch(`${harness.sandboxUrl()}/__sandbox/webhook-faults`, { method: 'POST', headers: { 'content-type': 'application/json' }, body: JSON.stringify({ dropFraction: 1 }) });

async function syncedSite(name: string, filter: string[]) {
  const site = await connectNewSite(harness, name);
  await updateJiraConfig(site.orgId, site.connectionId, null, (config) => ({ ...config, projectFilter: filter }));
  expect(await backfillToEnd(site.orgId, site.connectionId)).toMatchObject({ backfillDone: true });
  return site;
}
const currentIds = async (connectionId: string) =>
  (
    await harness
      .db()
      .select({ id: jiraTickets.externalId })
      .from(jiraTickets)
      .where(and(eq(jiraTickets.connectionId, connectionId), eq(jiraTickets.inScope, true), isNull(jiraTickets.deletedAt)))
  ).map((row) => row.id);
/** deleted_at of each given ticket, in the order given. */
const deletedAt = async (connectionId: string, ids: string[]) => {
  const rows = await harness
    .db()
    .select({ id: jiraTickets.externalId, deletedAt: jiraTickets.deletedAt })
    .from(jiraTickets)
    .where(and(eq(jiraTickets.connectionId, connectionId), inArray(jiraTickets.externalId, ids)));
  return ids.map((id) => rows.find((row) => row.id === id)?.deletedAt);
};

describe('reconciliation', () => {
  it('catches deletions no delivery reported, fetches what Portico lacks, with exact counts, and leaves another organization alone', async () => {
    await dropAllDeliveries();
    const a = await syncedSite('Reconcile A', ['PLAT', 'MOB']);
    const b = await syncedSite('Reconcile B', ['PLAT']);
    const before = await currentIds(a.connectionId);
    const bBefore = await currentIds(b.connectionId);
    const deleted = [await deleteIssue('PLAT-11'), await deleteIssue('PLAT-12'), await deleteIssue('PLAT-13'), await deleteIssue('MOB-4')];
    const created = await createIssue('MOB', 'Created while deliveries were dropped');

    const outcome = await reconcileConnection(a.orgId, a.connectionId, { trigger: 'admin', actorUserId: a.admin.userId, indexLagMs: 0 });
    expect(outcome).toMatchObject({ kind: 'reconciled', inPortico: before.length, inJira: before.length - 4 + 1, missing: 4, extra: 1, fetched: 1 });
    expect(await deletedAt(a.connectionId, deleted.map((issue) => issue.id))).toEqual([expect.any(Date), expect.any(Date), expect.any(Date), expect.any(Date)]);
    expect((await currentIds(a.connectionId)).sort()).toEqual([...before.filter((id) => !deleted.some((issue) => issue.id === id)), created.id].sort());
    const report = await getLatestReconciliation(a.orgId, a.connectionId);
    expect(report).toMatchObject({ state: 'completed', trigger: 'admin', inJira: before.length - 3, missing: 4, extra: 1, error: null });
    expect(report!.examples.missing.sort()).toEqual(deleted.map((issue) => issue.key).sort());
    expect(report!.examples.extra).toEqual([created.key]);

    // The other organization, on the same site and with the same issues, is untouched until it reconciles itself.
    expect((await currentIds(b.connectionId)).sort()).toEqual(bBefore.sort());
    expect(await getLatestReconciliation(b.orgId, b.connectionId)).toBeNull();
    expect(await reconcileConnection(b.orgId, b.connectionId, { trigger: 'schedule', indexLagMs: 0 })).toMatchObject({ missing: 3, extra: 0 });

    // Nothing left to find: Jira and Portico agree.
    const again = await reconcileConnection(a.orgId, a.connectionId, { trigger: 'api', indexLagMs: 0 });
    expect(again).toMatchObject({ kind: 'reconciled', missing: 0, extra: 0, inJira: before.length - 3, inPortico: before.length - 3 });
  });

  it('runs on the job engine: Reconcile now, and the daily fan-out; tickets written within the index lag are not judged', async () => {
    await engine.start({ jobs: [reconcileJob, reconcileDueJob], schedules: [] });
    const { admin, orgId, connectionId } = await syncedSite('Reconcile jobs', ['MKT']);
    const gone = await deleteIssue('MKT-5');
    // Synced moments ago: within the default index lag, so not judged yet.
    expect(await requestReconcileNow(orgId, connectionId, { userId: admin.userId, via: 'console' })).toEqual({ ok: true });
    await engine.drain();
    expect(await getLatestReconciliation(orgId, connectionId)).toMatchObject({ state: 'completed', missing: 0, trigger: 'admin' });
    expect(await deletedAt(connectionId, [gone.id])).toEqual([null]);

    await harness.db().update(jiraTickets).set({ lastSyncedAt: sql`now() - interval '1 hour'` }).where(eq(jiraTickets.connectionId, connectionId));
    await enqueue(reconcileDueJob, {});
    await engine.drain();
    expect(await getLatestReconciliation(orgId, connectionId)).toMatchObject({ state: 'completed', missing: 1, trigger: 'schedule', examples: { missing: [gone.key] } });
    expect(await deletedAt(connectionId, [gone.id])).toEqual([expect.any(Date)]);
  });

  it('is refused while the backfill runs, and a ticket written while Jira was being listed is never marked deleted', async () => {
    const site = await connectNewSite(harness, 'Reconcile race');
    const { admin, orgId, connectionId } = site;
    await updateJiraConfig(orgId, connectionId, null, (config) => ({ ...config, projectFilter: ['OPS'] }));
    await runBackfillStep(orgId, connectionId);
    expect(await requestReconcileNow(orgId, connectionId, { userId: admin.userId, via: 'api' })).toMatchObject({ ok: false, reason: 'backfilling' });
    expect(await reconcileConnection(orgId, connectionId, { trigger: 'schedule', indexLagMs: 0 })).toEqual({ kind: 'skipped', reason: 'backfilling' });
    await backfillToEnd(orgId, connectionId);

    // Gate: after Jira's listing, an issue is created and a poll stores it; another is deleted in Jira.
    let createdDuring: SandboxIssue | undefined;
    let deletedDuring: SandboxIssue | undefined;
    const outcome = await reconcileConnection(orgId, connectionId, {
      trigger: 'admin',
      indexLagMs: 0,
      afterListing: async () => {
        createdDuring = await createIssue('OPS', 'Created while Jira was being listed');
        expect(await runIncrementalStep(orgId, connectionId)).toMatchObject({ kind: 'synced' });
        deletedDuring = await deleteIssue('OPS-2');
      },
    });
    // Absent from the listing but written after it began: not missing. Deleted after the listing: next time.
    expect(outcome).toMatchObject({ kind: 'reconciled', missing: 0, extra: 0 });
    expect(await deletedAt(connectionId, [createdDuring!.id, deletedDuring!.id])).toEqual([null, null]);
    expect(await reconcileConnection(orgId, connectionId, { trigger: 'admin', indexLagMs: 0 })).toMatchObject({ missing: 1, extra: 0 });
    expect(await deletedAt(connectionId, [createdDuring!.id, deletedDuring!.id])).toEqual([null, expect.any(Date)]);
  });

  it('deletes nothing when a backfill starts while Jira is being listed (the filter grew), and reconciles once it is done', async () => {
    const { orgId, connectionId } = await syncedSite('Reconcile during backfill', ['HELP']);
    const gone = await deleteIssue('HELP-3');
    const outcome = await reconcileConnection(orgId, connectionId, {
      trigger: 'admin',
      indexLagMs: 0,
      afterListing: async () => {
        // The filter grows: the next poll starts a backfill of MOB, whose first page commits before the compare.
        await updateJiraConfig(orgId, connectionId, null, (config) => ({ ...config, projectFilter: ['HELP', 'MOB'] }));
        expect(await runIncrementalStep(orgId, connectionId)).toEqual({ kind: 'backfill_needed' });
        const start = await runBackfillStep(orgId, connectionId);
        expect(start).toMatchObject({ kind: 'segments' });
        expect(await runBackfillStep(orgId, connectionId, 0)).toMatchObject({ kind: 'page' });
      },
    });
    expect(outcome).toMatchObject({ kind: 'failed', errorKind: 'sync_changed' });
    expect(await deletedAt(connectionId, [gone.id])).toEqual([null]);
    const mob = await harness
      .db()
      .select({ n: sql<number>`count(*)::int` })
      .from(jiraTickets)
      .where(and(eq(jiraTickets.connectionId, connectionId), eq(jiraTickets.projectKey, 'MOB'), sql`${jiraTickets.deletedAt} is not null`));
    expect(mob[0]!.n).toBe(0);
    expect(await getLatestReconciliation(orgId, connectionId)).toMatchObject({ state: 'failed', error: { kind: 'sync_changed', message: expect.stringMatching(/nothing was marked deleted/) } });

    await backfillToEnd(orgId, connectionId);
    expect(await reconcileConnection(orgId, connectionId, { trigger: 'admin', indexLagMs: 0 })).toMatchObject({ kind: 'reconciled', missing: 1, extra: 0 });
    expect(await deletedAt(connectionId, [gone.id])).toEqual([expect.any(Date)]);
    const runs = await harness.db().select().from(jiraReconciliationRuns).where(eq(jiraReconciliationRuns.connectionId, connectionId));
    expect(runs).toHaveLength(2);
  });

  it('deletes nothing when half the tickets or more vanish at once (lost access, not deletions), and says so', async () => {
    const { orgId, connectionId } = await syncedSite('Reconcile brake', ['HELP']);
    // As many tickets again as Jira lists, that Jira does not know: half of Portico's tickets are "missing".
    await harness.db().execute(sql`
      insert into jira_tickets (organization_id, connection_id, external_id, key, project_id, project_key, title, status_id, status_name,
        status_category, issue_type_id, issue_type_name, mapping_version, vendor_attributes, jira_created_at, jira_updated_at, last_synced_at)
      select organization_id, connection_id, '9' || external_id, key || '0', project_id, project_key, title, status_id, status_name,
        status_category, issue_type_id, issue_type_name, mapping_version, vendor_attributes, jira_created_at, jira_updated_at, last_synced_at
      from jira_tickets where connection_id = ${connectionId}`);
    const before = await currentIds(connectionId);
    const outcome = await reconcileConnection(orgId, connectionId, { trigger: 'schedule', indexLagMs: 0 });
    expect(outcome).toMatchObject({ kind: 'failed', errorKind: 'too_many_missing' });
    expect((await currentIds(connectionId)).length).toBe(before.length);
    expect(await getLatestReconciliation(orgId, connectionId)).toMatchObject({
      state: 'failed',
      inPortico: before.length,
      inJira: before.length / 2,
      missing: before.length / 2,
      error: { kind: 'too_many_missing', message: expect.stringMatching(/nothing was marked deleted.*Browse projects/) },
    });
  });
});
