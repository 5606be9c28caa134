import 'server-only';
import { z } from 'zod';
import { deleteExpiredIdempotencyKeys } from '@/db/queries/idempotency-keys';
import { deleteStatusCountsBefore } from '@/db/queries/jira-status-counts';
import { deleteOldDeliveries } from '@/db/queries/jira-webhook-deliveries';
import { deleteExpiredRateLimits } from '@/db/queries/rate-limits';
import { deleteExpiredAuthorizations, pruneDiagnosticsHistory } from '@/lib/integrations/jira/keep-alive';
import { PREVIEW_COUNT_MAX_AGE_MS } from '@/lib/integrations/jira/preview/count-cache';
import { defineJob } from '../define-job';

/** Webhook deliveries are kept a week: the dedupe needs hours (Atlassian retries within about 30 minutes). */
export const WEBHOOK_DELIVERY_RETENTION_MS = 7 * 24 * 3600 * 1000;

/**
 * Rows that are only kept for a while: abandoned consents, troubleshooting history, replayable save
 * answers (24 h, db/queries/idempotency-keys.ts), rate-limit counters, webhook deliveries (7 days) and preview
 * counts too old to be reused (3 minutes; each filter ever previewed leaves its own). Each sweep runs even when
 * another fails; any failure fails the job, which is retried.
 */
export async function pruneExpiredRows(): Promise<void> {
  const results = await Promise.allSettled([
    deleteExpiredAuthorizations(),
    pruneDiagnosticsHistory(),
    deleteExpiredIdempotencyKeys(),
    deleteExpiredRateLimits(),
    deleteOldDeliveries(new Date(Date.now() - WEBHOOK_DELIVERY_RETENTION_MS)),
    deleteStatusCountsBefore(new Date(Date.now() - PREVIEW_COUNT_MAX_AGE_MS)),
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
