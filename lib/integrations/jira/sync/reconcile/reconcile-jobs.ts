import 'server-only';
import { z } from 'zod';
import { listReconcilableConnections } from '@/db/queries/jira-reconciliation';
import { defineJob } from '@/lib/jobs/define-job';
import { defineSchedule } from '@/lib/jobs/define-schedule';
import { enqueue, enqueueMany } from '@/lib/jobs/enqueue';
import { connectionJobSchema } from '../jobs/job-payload';
import { reconcileConnection } from './reconcile-connection';

const reconcileJobSchema = connectionJobSchema.extend({
  trigger: z.enum(['schedule', 'admin', 'api']),
  actorUserId: z.uuid().nullable().default(null),
});
export type ReconcileJob = z.input<typeof reconcileJobSchema>;

/**
 * One reconciliation of one connection. Singleton per connection (`stately`: one queued, one running), so a
 * "Reconcile now" during the daily run adds nothing. A Jira failure is recorded in the run, not retried:
 * the next day's run (or an admin) tries again, and a half-read listing never deletes anything.
 */
export const reconcileJob = defineJob({
  name: 'jira-reconcile',
  title: 'Reconcile Jira issues (catch deletions)',
  schema: reconcileJobSchema,
  policy: 'stately',
  concurrency: 2,
  expireInSecs: 30 * 60,
  retry: { limit: 1, delaySecs: 300, backoff: false },
  singletonKey: (data) => data.connectionId,
  handler: async ({ organizationId, connectionId, trigger, actorUserId }) => {
    await reconcileConnection(organizationId, connectionId, { trigger, actorUserId });
  },
});

/** Daily: a reconciliation job for every connected connection whose backfill is complete. */
export const reconcileDueJob = defineJob({
  name: 'jira-reconcile-due',
  title: 'Queue the daily Jira reconciliations',
  schema: z.object({}),
  policy: 'stately',
  handler: async () => {
    const connections = await listReconcilableConnections();
    await enqueueMany(
      reconcileJob,
      connections.map((connection) => ({ data: { ...connection, trigger: 'schedule' as const, actorUserId: null } })),
    );
  },
});

// 03:40 UTC: away from the hour marks the other schedules use.
export const reconcileDueSchedule = defineSchedule({ job: reconcileDueJob, cron: '40 3 * * *', data: {} });

export function enqueueReconcile(data: ReconcileJob) {
  return enqueue(reconcileJob, reconcileJobSchema.parse(data));
}
