import 'server-only';
import { z } from 'zod';
import { getSyncTarget, listDueSyncConnections, renormalizeTickets, updateSyncState } from '@/db/queries/jira-sync';
import { defineJob } from '@/lib/jobs/define-job';
import { defineSchedule } from '@/lib/jobs/define-schedule';
import { enqueue } from '@/lib/jobs/enqueue';
import { readBackfillSegment, runBackfillStep } from '../backfill-step';
import { runIncrementalStep } from '../incremental-step';
import { backfillJobSchema, connectionJobSchema, type BackfillJob, type ConnectionJob } from './job-payload';
import { recordStepFailure } from './record-failure';

/*
 * The sync on the job engine. Fairness: backfill pages, polls and re-normalizations are separate queues,
 * each with its own slots in every worker, so a 100,000-issue backfill (pages read in slices of a few
 * seconds per job, its segments deduplicated per connection) can never hold the slots other connections'
 * polls run in. Every job is singleton per connection (pg-boss `stately`: one queued, one running), so a
 * connection never has two polls or two reads of one segment at once: with 8 segments (each with one page
 * in flight while the one before commits) and a poll, at most 9 of its requests are in flight, whatever the
 * number of workers.
 */

const BACKFILL_PRIORITY = 0;

/**
 * How long one backfill job reads pages of its segment before handing over to a fresh job. One job per page
 * cost a job fetch, a completion and an enqueue per 100 issues; a job that reads pages for a while pays that
 * once. Each page still commits on its own with its cursor (a kill loses at most the page in flight), the
 * pause flag is read before every page, and the slot is given back every few seconds so other connections'
 * backfills get their turn (polls have their own queue and never wait for these).
 */
const BACKFILL_SLICE_MS = 20_000;

export const syncBackfillJob = defineJob({
  name: 'jira-sync-backfill',
  schema: backfillJobSchema,
  policy: 'stately',
  // One worker reads 4 of a backfill's 8 segments at once (taking turns every slice); a connection's
  // segments are singletons, so more workers share segments out but never read one twice.
  concurrency: 4,
  expireInSecs: 5 * 60,
  retry: { limit: 5, delaySecs: 10, backoff: true },
  handler: async (data, { signal }) => {
    const { organizationId: orgId, connectionId, segment } = data;
    let outcome;
    try {
      outcome =
        segment === undefined
          ? await runBackfillStep(orgId, connectionId)
          : await readBackfillSegment(orgId, connectionId, segment, { until: Date.now() + BACKFILL_SLICE_MS, signal });
    } catch (error) {
      const { rateLimitedSecs } = await recordStepFailure(orgId, connectionId, error);
      if (rateLimitedSecs === null) throw error;
      await enqueueBackfill(data, rateLimitedSecs);
      return;
    }
    if (outcome.kind === 'segments') for (const next of outcome.segments) await enqueueBackfill({ organizationId: orgId, connectionId, segment: next });
    if (outcome.kind === 'page' && outcome.more) await enqueueBackfill(data);
    if (outcome.kind === 'page' && outcome.backfillDone) await enqueuePoll({ organizationId: orgId, connectionId });
  },
});

export const syncPollJob = defineJob({
  name: 'jira-sync-poll',
  schema: connectionJobSchema,
  policy: 'stately',
  concurrency: 4,
  expireInSecs: 15 * 60,
  retry: { limit: 3, delaySecs: 30, backoff: true },
  handler: async ({ organizationId: orgId, connectionId }) => {
    let outcome;
    try {
      outcome = await runIncrementalStep(orgId, connectionId);
    } catch (error) {
      const { rateLimitedSecs } = await recordStepFailure(orgId, connectionId, error);
      if (rateLimitedSecs === null) throw error;
      return;
    }
    if (outcome.kind === 'skipped' && outcome.reason !== 'backfilling') {
      if (outcome.reason !== 'not_found') await updateSyncState(orgId, connectionId, { nextRunAt: null });
      return;
    }
    if (outcome.kind !== 'synced') {
      // Backfilling: make sure its pages are queued (a chain broken by a crash restarts here), and look again in a minute.
      await updateSyncState(orgId, connectionId, { nextRunAt: new Date(Date.now() + 60_000) });
      await enqueueBackfill({ organizationId: orgId, connectionId });
      return;
    }
    const target = await getSyncTarget(orgId, connectionId);
    await updateSyncState(orgId, connectionId, { nextRunAt: new Date(Date.now() + (target?.refreshIntervalSecs ?? 900) * 1000) });
  },
});

export const syncRenormalizeJob = defineJob({
  name: 'jira-sync-renormalize',
  schema: connectionJobSchema,
  policy: 'stately',
  concurrency: 1,
  expireInSecs: 10 * 60,
  handler: async ({ organizationId, connectionId }) => {
    await renormalizeTickets(organizationId, connectionId);
  },
});

/** Every minute: a poll for each connection whose next sync is due (the singleton drops the ones already queued). */
export const syncDueJob = defineJob({
  name: 'jira-sync-due',
  schema: z.object({}),
  policy: 'stately',
  handler: async () => {
    for (const due of await listDueSyncConnections(new Date())) await enqueuePoll(due);
  },
});

export const syncDueSchedule = defineSchedule({ job: syncDueJob, cron: '* * * * *', data: {} });

export function enqueuePoll(data: ConnectionJob) {
  return enqueue(syncPollJob, data, { singletonKey: data.connectionId });
}

export function enqueueBackfill(data: BackfillJob, startAfterSecs?: number) {
  return enqueue(syncBackfillJob, data, {
    singletonKey: `${data.connectionId}:${data.segment ?? 'start'}`,
    priority: BACKFILL_PRIORITY,
    ...(startAfterSecs === undefined ? {} : { startAfter: startAfterSecs }),
  });
}

export function enqueueRenormalize(data: ConnectionJob) {
  return enqueue(syncRenormalizeJob, data, { singletonKey: data.connectionId });
}
