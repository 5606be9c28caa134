// Pure: where a preview's issue counts come from. Once a connection's backfill has completed over
// projects that include the preview's filter, its synced tickets answer with no Jira call at all;
// until then the preview counts in Jira (bounded, cached). This is the one place that makes that choice.
export type CountSource =
  | { kind: 'synced_tickets' }
  | { kind: 'jira_approximate_count'; reason: 'never_synced' | 'backfill_incomplete' | 'filter_not_synced' };

/** What the choice needs of the connection's sync state (jira_sync_states), null when it never synced. */
export interface SyncCoverage {
  phase: string;
  backfillCompletedAt: Date | null;
  /** The filter the completed backfill covered; [] (or null) means every project the user can see. */
  syncedProjectFilter: string[] | null;
}

export function pickCountSource(sync: SyncCoverage | null | undefined, projectFilter: readonly string[]): CountSource {
  if (!sync) return { kind: 'jira_approximate_count', reason: 'never_synced' };
  // A filter that grew sends the sync back to 'backfill' while the old completion date remains.
  if (sync.phase !== 'incremental' || !sync.backfillCompletedAt) return { kind: 'jira_approximate_count', reason: 'backfill_incomplete' };
  const synced = sync.syncedProjectFilter ?? [];
  if (synced.length === 0) return { kind: 'synced_tickets' };
  // A draft filter reaching beyond the synced projects (or "All projects") has tickets Portico does not hold.
  const covered = projectFilter.length > 0 && projectFilter.every((key) => synced.includes(key));
  return covered ? { kind: 'synced_tickets' } : { kind: 'jira_approximate_count', reason: 'filter_not_synced' };
}
