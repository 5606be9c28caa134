import 'server-only';
import { getJiraConfig } from '@/db/queries/jira-config';
import { countUnmapped } from './mapping/editor-rows';
import { getCachedMetadata } from './metadata/metadata-cache';

/**
 * Drift at a glance: Jira statuses and priorities (from the cached metadata) that have no
 * standard value yet, per connection. They count as UNKNOWN until an admin maps them.
 */
export async function countUnmappedValues(orgId: string, connectionIds: readonly string[]): Promise<Record<string, number>> {
  const entries = await Promise.all(
    connectionIds.map(async (connectionId) => {
      const [cached, current] = await Promise.all([getCachedMetadata(orgId, connectionId), getJiraConfig(orgId, connectionId)]);
      if (!cached.metadata || !current) return [connectionId, 0] as const;
      const { statuses, priorities } = cached.metadata;
      const unmapped =
        countUnmapped(statuses.map((status) => status.id), current.config.statusMapping) +
        countUnmapped(priorities.map((priority) => priority.id), current.config.priorityMapping);
      return [connectionId, unmapped] as const;
    }),
  );
  return Object.fromEntries(entries);
}
