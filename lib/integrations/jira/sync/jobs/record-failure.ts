import 'server-only';
import { recordSyncFailure, updateSyncState } from '@/db/queries/jira-sync';
import { log } from '@/lib/observability/request-context';
import { classifySyncFailure } from '../sync-failure';

const MAX_BACKOFF_SECS = 3600;

/**
 * Records a failed step where the Sync section reads it, and plans the next attempt: after Jira's
 * Retry-After when it gave one, else 30 s doubled per consecutive failure (at most an hour). Returns the
 * delay when the failure is a rate limit, which the caller waits out instead of failing the job.
 */
export async function recordStepFailure(orgId: string, connectionId: string, error: unknown): Promise<{ rateLimitedSecs: number | null }> {
  const failure = classifySyncFailure(error);
  const count = await recordSyncFailure(orgId, connectionId, failure.kind, failure.message);
  const delaySecs = failure.retryAfterSecs ?? Math.min(MAX_BACKOFF_SECS, 30 * 2 ** Math.max(0, count - 1));
  await updateSyncState(orgId, connectionId, { nextRunAt: new Date(Date.now() + delaySecs * 1000) });
  log().warn({ err: error, connectionId, kind: failure.kind, failureCount: count, nextAttemptSecs: delaySecs }, 'jira sync step failed');
  return { rateLimitedSecs: failure.kind === 'rate_limited' ? delaySecs : null };
}
