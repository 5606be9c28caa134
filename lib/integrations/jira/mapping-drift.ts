import 'server-only';
import { getJiraConfig } from '@/db/queries/jira-config';
import { getJiraSnapshot } from '@/db/queries/jira-snapshot';
import { detectDrift } from './mapping/drift';
import { countUnmapped } from './mapping/editor-rows';
import { getCachedMetadata } from './metadata/metadata-cache';

export interface MappingDrift {
  /** Jira statuses and priorities without a standard value: they count as UNKNOWN until mapped. */
  unmapped: number;
  /** Values renamed or moved to another status category since the mapping was saved. */
  changed: number;
}

/** Drift at a glance, per connection, from the cached Jira metadata (never a live Jira call). */
export async function summarizeMappingDrift(orgId: string, connectionIds: readonly string[]): Promise<Record<string, MappingDrift>> {
  const entries = await Promise.all(
    connectionIds.map(async (connectionId) => {
      const [cached, current, snapshot] = await Promise.all([
        getCachedMetadata(orgId, connectionId),
        getJiraConfig(orgId, connectionId),
        getJiraSnapshot(orgId, connectionId),
      ]);
      if (!cached.metadata || !current) return [connectionId, { unmapped: 0, changed: 0 }] as const;
      const { statuses, priorities } = cached.metadata;
      const unmapped =
        countUnmapped(statuses.map((status) => status.id), current.config.statusMapping) +
        countUnmapped(priorities.map((priority) => priority.id), current.config.priorityMapping);
      const drift = snapshot ? detectDrift(snapshot, cached.metadata) : { statuses: [], priorities: [] };
      return [connectionId, { unmapped, changed: drift.statuses.length + drift.priorities.length }] as const;
    }),
  );
  return Object.fromEntries(entries);
}
