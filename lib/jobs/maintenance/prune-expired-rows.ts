import 'server-only';
import { z } from 'zod';
import { deleteExpiredIdempotencyKeys } from '@/db/queries/idempotency-keys';
import { deleteExpiredRateLimits } from '@/db/queries/rate-limits';
import { deleteExpiredAuthorizations, pruneDiagnosticsHistory } from '@/lib/integrations/jira/keep-alive';
import { defineJob } from '../define-job';

/**
 * Rows that are only kept for a while: abandoned consents, troubleshooting history, replayable save
 * answers (24 h, db/queries/idempotency-keys.ts) and rate-limit counters. Each sweep runs even when
 * another fails; any failure fails the job, which is retried.
 */
export async function pruneExpiredRows(): Promise<void> {
  const results = await Promise.allSettled([
    deleteExpiredAuthorizations(),
    pruneDiagnosticsHistory(),
    deleteExpiredIdempotencyKeys(),
    deleteExpiredRateLimits(),
  ]);
  const failed = results.filter((result): result is PromiseRejectedResult => result.status === 'rejected');
  if (failed.length > 0) throw new AggregateError(failed.map((result) => result.reason as unknown), `${failed.length} of ${results.length} sweeps failed.`);
}

export const pruneExpiredRowsJob = defineJob({
  name: 'prune-expired-rows',
  title: 'Delete expired records',
  schema: z.object({}),
  policy: 'stately',
  handler: pruneExpiredRows,
});
