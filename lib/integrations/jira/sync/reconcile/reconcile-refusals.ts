import type { SkipReason } from '../sync-client';

/** Why reconciliation did not run, or deleted nothing: Portico's own sentences, shown in the report and the API. */
export type ReconcileRefusal = SkipReason | 'backfilling' | 'filter_changed';

export const RECONCILE_REFUSALS: Record<ReconcileRefusal | 'sync_changed' | 'too_many_missing', string> = {
  not_found: 'This connection no longer exists.',
  not_connected: 'The connection is not connected. Reconnect the site, then reconcile.',
  paused: 'The sync is paused. Resume it, then reconcile.',
  backfilling: 'The first sync (backfill) is still running. Reconciliation runs once it is complete.',
  filter_changed: 'The project filter changed and the sync has not caught up yet. Reconcile after the next sync.',
  too_many_missing:
    'Jira lists far fewer issues than Portico holds, so nothing was marked deleted: the authorizing Jira user may have lost Browse projects on a project of the filter. Check their permissions; if the issues really were deleted, a new backfill (change the project filter, or reconnect) brings Portico in line.',
  sync_changed: 'A backfill or a project filter change started while reconciling, so nothing was marked deleted. The next reconciliation checks again.',
};
