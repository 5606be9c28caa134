// Public REST API (API key): send one delivery again now, with the same webhook-id.
import { apiRoute } from '@/lib/api/v1/api-route';
import { apiJson, renderApiFailure } from '@/lib/api/v1/respond';
import { defineRoute } from '@/lib/http/route-handler';
import { deliveryNotFound } from '@/lib/outbound-webhooks/api-responses';
import { redeliver } from '@/lib/outbound-webhooks/manage-endpoints';

type Params = { endpointId: string; deliveryId: string };

export const { GET, POST, PUT, PATCH, DELETE, OPTIONS } = defineRoute(
  { route: '/api/v1/webhook-endpoints/[endpointId]/deliveries/[deliveryId]/redeliver', renderFailure: renderApiFailure },
  {
    POST: apiRoute<Params>(async ({ caller, params }) =>
      (await redeliver(caller.orgId, params.endpointId, params.deliveryId)) ? apiJson(202, { delivery_id: params.deliveryId }) : deliveryNotFound(),
    ),
  },
);
