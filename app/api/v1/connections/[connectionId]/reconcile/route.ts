// Public REST API (API key): reconcile a connection now (compare Jira's issue ids with Portico's, mark deletions).
import { getApiConnection } from '@/db/queries/api-connections';
import { apiRoute } from '@/lib/api/v1/api-route';
import { apiError, apiJson, connectionNotFound, renderApiFailure } from '@/lib/api/v1/respond';
import { serializeSync } from '@/lib/api/v1/serialize-sync';
import { defineRoute } from '@/lib/http/route-handler';
import { requestReconcileNow } from '@/lib/integrations/jira/sync/reconcile/request-reconcile';
import { getSyncOverview } from '@/lib/integrations/jira/sync/sync-overview';

type Params = { connectionId: string };

export const { GET, POST, PUT, PATCH, DELETE, OPTIONS } = defineRoute(
  { route: '/api/v1/connections/[connectionId]/reconcile', renderFailure: renderApiFailure },
  {
    POST: apiRoute<Params>(async ({ caller, params }) => {
      if (!(await getApiConnection(caller.orgId, params.connectionId))) return connectionNotFound();
      const result = await requestReconcileNow(caller.orgId, params.connectionId, { userId: null, via: 'api' });
      if (!result.ok) return apiError('conflict', result.message);
      const overview = await getSyncOverview(caller.orgId, params.connectionId);
      return overview ? apiJson(202, { sync: serializeSync(overview) }) : connectionNotFound();
    }),
  },
);
