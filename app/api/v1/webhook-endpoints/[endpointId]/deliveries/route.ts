// Public REST API (API key): the delivery log of one webhook endpoint, newest first.
import { listEndpointDeliveries } from '@/db/queries/outbound-deliveries';
import { getWebhookEndpoint } from '@/db/queries/webhook-endpoints';
import { apiRoute } from '@/lib/api/v1/api-route';
import { apiJson, renderApiFailure } from '@/lib/api/v1/respond';
import { defineRoute } from '@/lib/http/route-handler';
import { endpointNotFound } from '@/lib/outbound-webhooks/api-responses';
import { serializeDelivery } from '@/lib/outbound-webhooks/serialize';

type Params = { endpointId: string };

export const { GET, POST, PUT, PATCH, DELETE, OPTIONS } = defineRoute(
  { route: '/api/v1/webhook-endpoints/[endpointId]/deliveries', renderFailure: renderApiFailure },
  {
    GET: apiRoute<Params>(async ({ caller, params }) => {
      if (!(await getWebhookEndpoint(caller.orgId, params.endpointId))) return endpointNotFound();
      return apiJson(200, { data: (await listEndpointDeliveries(caller.orgId, params.endpointId, 100)).map(serializeDelivery) });
    }),
  },
);
