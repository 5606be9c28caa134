// Public REST API (API key): "Send test event": a signed `webhook.test` delivery to this endpoint.
import { apiRoute } from '@/lib/api/v1/api-route';
import { apiJson, renderApiFailure } from '@/lib/api/v1/respond';
import { defineRoute } from '@/lib/http/route-handler';
import { endpointNotFound } from '@/lib/outbound-webhooks/api-responses';
import { sendTestEvent } from '@/lib/outbound-webhooks/manage-endpoints';

type Params = { endpointId: string };

export const { GET, POST, PUT, PATCH, DELETE, OPTIONS } = defineRoute(
  { route: '/api/v1/webhook-endpoints/[endpointId]/test', renderFailure: renderApiFailure },
  {
    POST: apiRoute<Params>(async ({ caller, params }) => {
      const queued = await sendTestEvent(caller.orgId, params.endpointId);
      return queued ? apiJson(202, { delivery_id: queued.deliveryId, event_id: queued.eventId }) : endpointNotFound();
    }),
  },
);
