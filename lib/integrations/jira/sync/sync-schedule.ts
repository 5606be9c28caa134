import 'server-only';
import { getSyncTarget } from '@/db/queries/jira-sync';
import { log } from '@/lib/observability/request-context';
import { enqueuePoll, enqueueRenormalize } from './jobs/sync-jobs';
import { enqueueWebhookMaintain } from '../webhooks/webhook-jobs';

/**
 * Runs the connection's next sync step now instead of at its next interval: a poll, which starts or
 * resumes the backfill when one is due (a new connection, a grown filter) and applies a shrunk filter.
 */
export async function scheduleSyncNow(orgId: string, connectionId: string): Promise<void> {
  await enqueuePoll({ organizationId: orgId, connectionId });
}

/** Whether the saved filter differs from the one the tickets were synced for (order does not matter). */
export function filterDiffersFromSynced(filter: readonly string[], synced: readonly string[] | null): boolean {
  if (synced === null) return true;
  const wanted = new Set(filter);
  return wanted.size !== new Set(synced).size || synced.some((key) => !wanted.has(key));
}

/**
 * After a configuration save or rollback (console, API, name resolution): the tickets are re-normalized in
 * the background from their stored raw values, with no Jira call. Only a changed project filter polls at
 * once (backfilling added projects, retiring removed ones). Never throws: the save has committed, and the
 * minute schedule polls the connection anyway.
 */
export async function afterConfigurationSaved(orgId: string, connectionId: string): Promise<void> {
  try {
    await enqueueRenormalize({ organizationId: orgId, connectionId });
    const target = await getSyncTarget(orgId, connectionId);
    if (target && filterDiffersFromSynced(target.projectFilter, target.state?.syncedProjectFilter ?? null)) {
      await scheduleSyncNow(orgId, connectionId);
    }
    // The webhooks' JQL follows the filter: the job re-registers when it changed and does nothing otherwise.
    await enqueueWebhookMaintain({ organizationId: orgId, connectionId });
  } catch (error) {
    log().error({ err: error, orgId, connectionId }, 'queueing the sync after a configuration save failed');
  }
}
