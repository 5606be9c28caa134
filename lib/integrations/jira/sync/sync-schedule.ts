import 'server-only';
import { log } from '@/lib/observability/request-context';
import { enqueuePoll, enqueueRenormalize } from './jobs/sync-jobs';

/**
 * Runs the connection's next sync step now instead of at its next interval: a poll, which starts or
 * resumes the backfill when one is due (a new connection, a grown filter) and applies a shrunk filter.
 */
export async function scheduleSyncNow(orgId: string, connectionId: string): Promise<void> {
  await enqueuePoll({ organizationId: orgId, connectionId });
}

/**
 * After a configuration save or rollback (console, API, name resolution): the tickets are re-normalized in
 * the background and the filter applied at once. Never throws: the save has committed, and the minute
 * schedule polls the connection anyway.
 */
export async function afterConfigurationSaved(orgId: string, connectionId: string): Promise<void> {
  try {
    await enqueueRenormalize({ organizationId: orgId, connectionId });
    await scheduleSyncNow(orgId, connectionId);
  } catch (error) {
    log().error({ err: error, orgId, connectionId }, 'queueing the sync after a configuration save failed');
  }
}
