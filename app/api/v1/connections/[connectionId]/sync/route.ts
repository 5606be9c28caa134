// Public REST API (API key): start a connection's sync now ("Sync now").
import { getApiConnection } from '@/db/queries/api-connections';
import { apiRoute } from '@/lib/api/v1/api-route';
import { apiError, apiJson, connectionNotFound, renderApiFailure } from '@/lib/api/v1/respond';
import { serializeSync } from '@/lib/api/v1/serialize-sync';
import { defineRoute } from '@/lib/http/route-handler';
import { requestSyncNow } from '@/lib/integrations/jira/sync/sync-controls';
import { getSyncOverview } from '@/lib/integrations/jira/sync/sync-overview';

type Params = { connectionId: string };

const REFUSED = {
  paused: 'This connection’s sync is paused, so Portico makes no Jira call for it. Resume it first: PATCH /api/v1/connections/{id} with {"paused": false}.',
  not_connected: 'This connection is not connected to Jira, so there is nothing to sync. An admin must authorize or reconnect it first.',
} as const;

export const { GET, POST, PUT, PATCH, DELETE, OPTIONS } = defineRoute(
  { route: '/api/v1/connections/[connectionId]/sync', renderFailure: renderApiFailure },
  {
    POST: apiRoute<Params>(async ({ caller, params }) => {
      if (!(await getApiConnection(caller.orgId, params.connectionId))) return connectionNotFound();
      const result = await requestSyncNow(caller.orgId, params.connectionId, { userId: null, via: 'api' });
      if (!result.ok) return apiError('conflict', REFUSED[result.reason]);
      const overview = await getSyncOverview(caller.orgId, params.connectionId);
      return overview ? apiJson(202, { sync: serializeSync(overview) }) : connectionNotFound();
    }),
  },
);
