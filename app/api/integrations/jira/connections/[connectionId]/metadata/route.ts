// The editors' Jira data: statuses, priorities and projects from the per-connection cache.
// GET answers from the cache at once and refreshes it in the background when stale; POST forces
// a refresh (the Refresh button), coalesced with any refresh already running and throttled per
// connection (metadata-cache.ts). Any member may read; nothing here changes configuration.
import { NextResponse } from 'next/server';
import { getConnectionTarget } from '@/db/queries/jira-connections';
import { getJiraSnapshot } from '@/db/queries/jira-snapshot';
import { defineRoute } from '@/lib/http/route-handler';
import { notFound, resolveConnection, type ConnectionParams } from '@/lib/http/resolve-connection';
import {
  getCachedMetadata,
  METADATA_MAX_AGE_MS,
  refreshMetadataInBackground,
  requestMetadataRefresh,
} from '@/lib/integrations/jira/metadata/metadata-cache';

async function resolve(context: ConnectionParams) {
  const resolved = await resolveConnection('member', context);
  if (resolved.denied) return { denied: resolved.denied };
  if (!(await getConnectionTarget(resolved.member.orgId, resolved.connectionId))) return { denied: notFound() };
  return { denied: undefined, orgId: resolved.member.orgId, connectionId: resolved.connectionId };
}

export const { GET, POST, PUT, PATCH, DELETE, OPTIONS } = defineRoute<ConnectionParams>(
  { route: '/api/integrations/jira/connections/[connectionId]/metadata', checkOrigin: true },
  {
    GET: async (_request, context) => {
      const resolved = await resolve(context);
      if (resolved.denied) return resolved.denied;
      refreshMetadataInBackground(resolved.orgId, resolved.connectionId);
      const [state, snapshot] = await Promise.all([
        getCachedMetadata(resolved.orgId, resolved.connectionId),
        getJiraSnapshot(resolved.orgId, resolved.connectionId),
      ]);
      // The background refresh may not have claimed its lease yet: report stale data as refreshing
      // (unless the last attempt failed) so the editor keeps polling until fresh data lands.
      const fetchedAt = state.metadata ? Date.parse(state.metadata.fetchedAt) : 0;
      const refreshing = state.refreshing || (Date.now() - fetchedAt > METADATA_MAX_AGE_MS && !state.lastError);
      return NextResponse.json({ ...state, refreshing, snapshot }, { headers: { 'Cache-Control': 'no-store' } });
    },

    POST: async (_request, context) => {
      const resolved = await resolve(context);
      if (resolved.denied) return resolved.denied;
      const refresh = await requestMetadataRefresh(resolved.orgId, resolved.connectionId);
      const [state, snapshot] = await Promise.all([
        getCachedMetadata(resolved.orgId, resolved.connectionId),
        getJiraSnapshot(resolved.orgId, resolved.connectionId),
      ]);
      // 200 with the cached data even when throttled: `refresh` says why no new Jira read happened.
      return NextResponse.json({ ...state, snapshot, refresh }, { headers: { 'Cache-Control': 'no-store' } });
    },
  },
);
