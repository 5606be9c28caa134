import 'server-only';
import { getApiConnection, recordUnresolvedNames } from '@/db/queries/api-connections';
import { updateJiraConfig } from '@/db/queries/jira-config';
import type { UnresolvedNames } from '@/db/schema/jira';
import { resolveRequestedMappings } from '../mapping/resolve-names';
import { refreshMetadata } from '../metadata/metadata-cache';
import { afterConfigurationSaved } from '../sync/sync-schedule';
import { log } from '@/lib/observability/request-context';

export type ResolutionResult = 'not_requested' | 'not_connected' | 'resolved' | 'failed';

/**
 * Matches the status and priority names given through the API with the site's Jira ids and saves them
 * through the normal versioned configuration save (history and audit as for an admin's edit), once: after
 * the first consent, or after a PATCH changed the names. Until it has succeeded it is tried again after each
 * reconnect and scheduled by API reads. Never throws: a connection works without its requested mappings.
 */
export async function resolveRequestedNames(orgId: string, connectionId: string, actorUserId?: string): Promise<ResolutionResult> {
  try {
    const connection = await getApiConnection(orgId, connectionId);
    if (!connection?.requestedMappings) return 'not_requested';
    if (connection.status !== 'connected') return 'not_connected';
    // Once resolved, the names live on as ids in the configuration the admin may since have edited: a
    // reconnect must not apply them again over those edits. A PATCH with new names clears this marker.
    if (connection.unresolvedNames) return 'resolved';
    const requested = connection.requestedMappings;
    const author = actorUserId ?? connection.connectedByUserId;
    const metadata = await refreshMetadata(orgId, connectionId);
    if (!metadata || !author) return 'failed';
    const jira = {
      statuses: metadata.statuses,
      priorities: metadata.priorities,
      projectKeys: metadata.projects.map((project) => project.key),
    };
    let unresolved: UnresolvedNames | undefined;
    const saved = await updateJiraConfig(orgId, connectionId, author, (current) => {
      const resolved = resolveRequestedMappings(requested, current, jira);
      unresolved = resolved.unresolved;
      return resolved.config;
    });
    if (!saved.ok || !unresolved) return 'failed';
    if (saved.changed) await afterConfigurationSaved(orgId, connectionId);
    await recordUnresolvedNames(orgId, connectionId, unresolved);
    return 'resolved';
  } catch (error) {
    log().error({ err: error, orgId, connectionId }, 'resolving requested Jira names failed');
    return 'failed';
  }
}
