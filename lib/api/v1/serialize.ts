import type { ApiConnectionRow } from '@/db/queries/api-connections';
import type { ConnectionResponse } from './schemas';
import type { SyncStateResponse } from './sync-schemas';

type ResolutionState = ConnectionResponse['resolution']['state'];

function resolutionStateOf(row: ApiConnectionRow): ResolutionState {
  if (!row.requestedMappings) return 'not_requested';
  if (row.unresolvedNames) return 'resolved';
  return 'pending';
}

/** A stored connection as the API shows it: the documented shape, nothing more (no grant or token column). */
export function serializeConnection(
  row: ApiConnectionRow,
  extra: { authorizeUrl?: string; sync?: SyncStateResponse | null } = {},
): ConnectionResponse {
  const unresolved = row.unresolvedNames ?? { statuses: [], priorities: [], projectKeys: [] };
  return {
    id: row.id,
    vendor: 'JIRA',
    organization_id: row.organizationId,
    status: row.status,
    refresh_interval_secs: row.refreshIntervalSecs,
    timeout_secs: row.timeoutSecs,
    oauth2_authorize_url: extra.authorizeUrl ?? null,
    site: row.cloudId ? { cloud_id: row.cloudId, name: row.siteName, url: row.siteUrl } : null,
    options: {
      project_keys_filter: row.projectFilter,
      status_mapping: row.statusMapping,
      priority_mapping: row.priorityMapping,
    },
    requested_mappings: row.requestedMappings
      ? { status_mapping: row.requestedMappings.statuses, priority_mapping: row.requestedMappings.priorities }
      : null,
    resolution: {
      state: resolutionStateOf(row),
      unresolved: { statuses: unresolved.statuses, priorities: unresolved.priorities, project_keys: unresolved.projectKeys },
    },
    sync: extra.sync ?? null,
    created_at: row.createdAt.toISOString(),
    updated_at: row.updatedAt.toISOString(),
  };
}
