import 'server-only';
import { getCachedMetadata } from '../metadata/metadata-cache';
import type { KnownJiraIds } from './validate-ids';

/**
 * The Jira ids a save may reference, from the metadata cache (never a live Jira call: saving must not wait
 * on Jira). Undefined while nothing has been fetched for the connection yet; see validateKnownIds.
 * Statuses are cached only for the filtered projects, so a project's statuses become mappable once the
 * filter that includes it is saved and the metadata refreshed.
 */
export async function getKnownJiraIds(orgId: string, connectionId: string): Promise<KnownJiraIds | undefined> {
  const { metadata } = await getCachedMetadata(orgId, connectionId);
  if (!metadata) return undefined;
  return {
    // Statuses that exist but no synced project uses are still Jira's: a mapping of them is not an error.
    statusIds: new Set([...metadata.statuses, ...(metadata.otherStatuses ?? [])].map((status) => status.id)),
    priorityIds: new Set(metadata.priorities.map((priority) => priority.id)),
    projectKeys: new Set(metadata.projects.map((project) => project.key)),
  };
}
