import 'server-only';
import { after } from 'next/server';
import {
  deleteApiConnection,
  getApiConnection,
  insertPendingConnection,
  listApiConnections,
  recordUnresolvedNames,
  updateApiConnectionSettings,
} from '@/db/queries/api-connections';
import { updateJiraConfig } from '@/db/queries/jira-config';
import { afterConfigurationSaved } from '@/lib/integrations/jira/sync/sync-schedule';
import type { RequestedMappings, UnresolvedNames } from '@/db/schema/jira';
import type { ApiCaller } from '@/lib/api/keys/authenticate';
import { issueAuthorizeLink, newAuthorizeLink } from '@/lib/integrations/jira/authorize-link/authorize-link';
import { retireGrantIfUnused } from '@/lib/integrations/jira/connect/retire-grant';
import { resolveRequestedNames } from '@/lib/integrations/jira/connect/resolve-requested-names';
import { getCachedMetadata, refreshMetadata } from '@/lib/integrations/jira/metadata/metadata-cache';
import { setRefreshInterval, setSyncPaused, type SyncActor } from '@/lib/integrations/jira/sync/sync-controls';
import { getSyncOverview } from '@/lib/integrations/jira/sync/sync-overview';
import type { ConnectionOptionsInput, ConnectionResponse, CreateConnectionRequest, UpdateConnectionRequest } from './schemas';
import { serializeConnection } from './serialize';
import { serializeSync } from './serialize-sync';

const apiActor: SyncActor = { userId: null, via: 'api' };

async function syncOf(orgId: string, connectionId: string) {
  const overview = await getSyncOverview(orgId, connectionId);
  return overview && serializeSync(overview);
}

/** The names to resolve: a kind not sent keeps its earlier names; nothing sent keeps "nothing requested" (null). */
function requestedFrom(options: ConnectionOptionsInput | undefined, previous: RequestedMappings | null): RequestedMappings | null {
  if (!options?.status_mapping && !options?.priority_mapping) return previous;
  return {
    statuses: options.status_mapping ?? previous?.statuses ?? {},
    priorities: options.priority_mapping ?? previous?.priorities ?? {},
  };
}

export async function createConnection(caller: ApiCaller, request: CreateConnectionRequest): Promise<ConnectionResponse> {
  const link = newAuthorizeLink();
  const connectionId = await insertPendingConnection(caller.orgId, {
    projectFilter: request.options?.project_keys_filter ?? [],
    requestedMappings: requestedFrom(request.options, null),
    refreshIntervalSecs: request.refresh_interval_secs,
    timeoutSecs: request.timeout_secs,
    apiKeyId: caller.keyId,
    link,
  });
  const row = await getApiConnection(caller.orgId, connectionId);
  return serializeConnection(row!, { authorizeUrl: link.url, sync: await syncOf(caller.orgId, connectionId) });
}

export async function listConnections(caller: ApiCaller): Promise<ConnectionResponse[]> {
  const rows = await listApiConnections(caller.orgId);
  return Promise.all(rows.map(async (row) => serializeConnection(row, { sync: await syncOf(caller.orgId, row.id) })));
}

/**
 * One connection, read-only: a GET never calls Jira nor writes. If it is connected but the names from creation
 * were never resolved (the connect-time step failed, or Jira was down), resolution is scheduled after the
 * answer and the state reads "pending", exactly as in the list.
 */
export async function getConnection(caller: ApiCaller, connectionId: string): Promise<ConnectionResponse | undefined> {
  const row = await getApiConnection(caller.orgId, connectionId);
  if (!row) return undefined;
  if (row.status === 'connected' && row.requestedMappings && !row.unresolvedNames) {
    try {
      after(() => resolveRequestedNames(caller.orgId, connectionId));
    } catch {
      // No request to run after (tests, scripts): the next reconnect or read tries again.
    }
  }
  return serializeConnection(row, { sync: await syncOf(caller.orgId, connectionId) });
}

type UpdateResult =
  | { ok: true; connection: ConnectionResponse }
  | { ok: false; reason: 'not_found' | 'conflict' }
  | { ok: false; reason: 'invalid_interval'; message: string };

/**
 * The timeout changes in place; the refresh interval and pause go through the sync controls. The project filter goes through the versioned configuration save (history and
 * audit as for an admin's edit). Mappings by name replace the requested names of that kind and are resolved
 * again at once when the site is connected; ids mapped earlier stay. A filter-only change leaves the names
 * (and the admin's edits since they were resolved) alone: only the unknown project keys are recomputed.
 */
export async function updateConnection(caller: ApiCaller, connectionId: string, request: UpdateConnectionRequest): Promise<UpdateResult> {
  const row = await getApiConnection(caller.orgId, connectionId);
  if (!row) return { ok: false, reason: 'not_found' };
  const filter = request.options?.project_keys_filter;
  const connected = row.status !== 'pending_authorization';
  if (filter && connected) {
    const saved = await saveFilter(caller.orgId, connectionId, filter);
    if (!saved) return { ok: false, reason: 'conflict' };
  }
  const requested = requestedFrom(request.options, row.requestedMappings);
  const namesChanged = requested !== row.requestedMappings;
  // Through the sync controls, which reschedule the next run and write the audit event.
  if (request.refresh_interval_secs !== undefined) {
    const set = await setRefreshInterval(caller.orgId, connectionId, request.refresh_interval_secs, apiActor);
    if (!set.ok) return set;
  }
  if (request.paused !== undefined) {
    const set = await setSyncPaused(caller.orgId, connectionId, request.paused, apiActor);
    if (!set.ok) return set;
  }
  await updateApiConnectionSettings(caller.orgId, connectionId, {
    timeoutSecs: request.timeout_secs,
    ...(filter && !connected ? { projectFilter: filter } : {}),
    ...(namesChanged && requested ? { requestedMappings: requested, clearUnresolved: true } : {}),
  });
  if (namesChanged && row.status === 'connected') await resolveRequestedNames(caller.orgId, connectionId);
  else if (filter && connected && (row.unresolvedNames || !row.requestedMappings)) {
    // Names still pending resolution get their keys checked when they are resolved; otherwise the
    // new filter is checked now, also when no names were ever requested.
    await recordUnresolvedProjectKeys(caller.orgId, connectionId, row.unresolvedNames ?? NOTHING_UNRESOLVED, filter, row.status === 'connected');
  }
  const connection = await getConnection(caller, connectionId);
  return connection ? { ok: true, connection } : { ok: false, reason: 'not_found' };
}

const NOTHING_UNRESOLVED: UnresolvedNames = { statuses: [], priorities: [], projectKeys: [] };

/**
 * Keys of the new filter Jira does not show the authorizing user (invisible or non-existent), from the
 * cached project list; a connected site's list is read from Jira when none is cached or it is stale.
 */
async function recordUnresolvedProjectKeys(orgId: string, connectionId: string, unresolved: UnresolvedNames, filter: string[], canRead: boolean) {
  const metadata = canRead ? await refreshMetadata(orgId, connectionId) : (await getCachedMetadata(orgId, connectionId)).metadata;
  if (!metadata) return;
  const known = new Set(metadata.projects.map((project) => project.key));
  await recordUnresolvedNames(orgId, connectionId, { ...unresolved, projectKeys: filter.filter((key) => !known.has(key)) });
}

async function saveFilter(orgId: string, connectionId: string, projectFilter: string[]): Promise<boolean> {
  const saved = await updateJiraConfig(orgId, connectionId, null, (current) => ({ ...current, projectFilter }));
  if (saved.ok && saved.changed) await afterConfigurationSaved(orgId, connectionId);
  return saved.ok;
}

export async function deleteConnection(caller: ApiCaller, connectionId: string): Promise<boolean> {
  return deleteApiConnection(caller.orgId, connectionId, caller.keyId, (tx, grantId) =>
    retireGrantIfUnused(tx, caller.orgId, grantId, { reason: 'last_site_disconnected' }).then(() => undefined),
  );
}

export async function reissueAuthorizeUrl(caller: ApiCaller, connectionId: string) {
  const link = await issueAuthorizeLink(caller.orgId, connectionId, caller.keyId);
  return link && { oauth2_authorize_url: link.url, expires_at: link.expiresAt.toISOString() };
}
