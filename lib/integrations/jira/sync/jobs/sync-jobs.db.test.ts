import { and, eq } from 'drizzle-orm';
import { describe, expect, it } from 'vitest';
import { updateJiraConfig } from '@/db/queries/jira-config';
import { jiraConnections, jiraSyncStates, jiraTickets } from '@/db/schema';
import { enqueue } from '@/lib/jobs/enqueue';
import { connectNewSite, setupJiraHarness } from '@/tests/jira-harness';
import { setupJobEngine } from '@/tests/job-engine';
import { getSyncOverview } from '../sync-overview';
import { requestSyncNow, setSyncPaused } from '../sync-controls';
import { syncBackfillJob, syncDueJob, syncPollJob, syncRenormalizeJob } from './sync-jobs';

const harness = setupJiraHarness();
const engine = setupJobEngine({ db: harness.db, url: () => process.env.DATABASE_URL! });
const SYNC_JOBS = [syncBackfillJob, syncPollJob, syncRenormalizeJob, syncDueJob];
const jiraRequests = async () => Object.values((await harness.counters()).requests).reduce((sum, n) => sum + n, 0);
const edit = (key: string, summary: string) =>
  fetch(`${harness.sandboxUrl()}/__sandbox/issues/${key}`, { method: 'PATCH', headers: { 'content-type': 'application/json' }, body: JSON.stringify({ summary }) }).then(
    async (response) => (await response.json()) as { id: string },
  );
const titleOf = async (connectionId: string, id: string) =>
  (await harness.db().select({ title: jiraTickets.title }).from(jiraTickets).where(and(eq(jiraTickets.connectionId, connectionId), eq(jiraTickets.externalId, id))))[0]?.title;

describe('sync on the job engine', () => {
  it('connect → backfill through the jobs of two workers → Sync now brings an edit; paused, nothing is called', async () => {
    await engine.start({ jobs: SYNC_JOBS, schedules: [] });
    await engine.start({ jobs: SYNC_JOBS, schedules: [] });
    const { admin, orgId, connectionId } = await connectNewSite(harness, 'Jobs');
    const actor = { userId: admin.userId, via: 'console' as const };
    await updateJiraConfig(orgId, connectionId, null, (config) => ({ ...config, projectFilter: ['PLAT', 'MOB', 'HELP'] }));

    expect(await requestSyncNow(orgId, connectionId, actor)).toEqual({ ok: true });
    await engine.drain({ timeoutMs: 240_000 });
    const overview = await getSyncOverview(orgId, connectionId);
    expect(overview).toMatchObject({ phase: 'up_to_date', failure: null });
    expect(overview!.ticketCount).toBe(overview!.backfill.done);
    expect(overview!.nextSyncAt!.getTime()).toBeGreaterThan(Date.now());

    const edited = await edit('PLAT-7', 'Edited, then Sync now');
    await requestSyncNow(orgId, connectionId, actor);
    await engine.drain();
    expect(await titleOf(connectionId, edited.id)).toBe('Edited, then Sync now');

    await setSyncPaused(orgId, connectionId, true, actor);
    const whilePaused = await edit('PLAT-8', 'Edited while paused');
    await harness.resetCounters();
    expect(await requestSyncNow(orgId, connectionId, actor)).toEqual({ ok: false, reason: 'paused' });
    // The minute schedule skips it, and a poll or page already queued does nothing.
    await enqueue(syncDueJob, {});
    await enqueue(syncPollJob, { organizationId: orgId, connectionId });
    await enqueue(syncBackfillJob, { organizationId: orgId, connectionId, segment: 0 });
    await engine.drain();
    expect(await jiraRequests()).toBe(0);
    expect(await titleOf(connectionId, whilePaused.id)).not.toBe('Edited while paused');
    expect((await getSyncOverview(orgId, connectionId))?.phase).toBe('paused');

    await setSyncPaused(orgId, connectionId, false, actor);
    await engine.drain();
    expect(await titleOf(connectionId, whilePaused.id)).toBe('Edited while paused');
  }, 300_000);

  it('shows no sync failure while the connection is not connected: its status already says Reconnect', async () => {
    const { orgId, connectionId } = await connectNewSite(harness, 'Refused');
    await harness.db().insert(jiraSyncStates).values({ connectionId, organizationId: orgId, lastErrorKind: 'grant_needs_reconnect', failureCount: 1 }).onConflictDoUpdate({
      target: jiraSyncStates.connectionId,
      set: { lastErrorKind: 'grant_needs_reconnect', failureCount: 1 },
    });
    expect(await getSyncOverview(orgId, connectionId)).toMatchObject({ phase: 'failing', failure: { kind: 'grant_needs_reconnect' } });

    await harness.db().update(jiraConnections).set({ status: 'needs_reconnect' }).where(eq(jiraConnections.id, connectionId));
    expect(await getSyncOverview(orgId, connectionId)).toMatchObject({ phase: 'disconnected', failure: null });
  });

  it('shows a failing state with the reason and the fix once Jira keeps failing, and recovers', async () => {
    await engine.start({ jobs: SYNC_JOBS, schedules: [] });
    const { admin, orgId, connectionId } = await connectNewSite(harness, 'Failing');
    await updateJiraConfig(orgId, connectionId, null, (config) => ({ ...config, projectFilter: ['MOB'] }));
    await harness.control('faults', { route: 'search/approximate-count', status: 503, count: 50 });
    await requestSyncNow(orgId, connectionId, { userId: admin.userId, via: 'console' });
    // Three recorded failures make it "failing" (one poll, then its backfill start and its retries).
    for (let wait = 0; wait < 600; wait += 1) {
      const [state] = await harness.db().select().from(jiraSyncStates).where(eq(jiraSyncStates.connectionId, connectionId));
      if ((state?.failureCount ?? 0) >= 3) break;
      await new Promise((resolve) => setTimeout(resolve, 200));
    }
    const failing = await getSyncOverview(orgId, connectionId);
    expect(failing).toMatchObject({ phase: 'failing', failure: { kind: 'upstream', remedy: expect.stringMatching(/retries/) } });
    expect(failing!.failure!.since).toBeInstanceOf(Date);
    await fetch(`${harness.sandboxUrl()}/__sandbox/faults`, { method: 'DELETE' });
    await harness.db().update(jiraSyncStates).set({ nextRunAt: null }).where(eq(jiraSyncStates.connectionId, connectionId));
    await requestSyncNow(orgId, connectionId, { userId: admin.userId, via: 'console' });
    await engine.drain({ timeoutMs: 240_000 });
    const recovered = await getSyncOverview(orgId, connectionId);
    expect(recovered).toMatchObject({ failure: null });
    expect(['up_to_date', 'backfilling']).toContain(recovered!.phase);
  }, 300_000);
});
