// Public REST API (API key): read, change (URL, event types, enabled) or delete one webhook endpoint.
import { getWebhookEndpoint } from '@/db/queries/webhook-endpoints';
import { apiRoute } from '@/lib/api/v1/api-route';
import { parseBody } from '@/lib/api/v1/parse-body';
import { apiError, apiJson, renderApiFailure } from '@/lib/api/v1/respond';
import { defineRoute } from '@/lib/http/route-handler';
import { endpointNotFound, noContent } from '@/lib/outbound-webhooks/api-responses';
import { updateEndpointSchema } from '@/lib/outbound-webhooks/endpoint-schemas';
import { deleteEndpoint, updateEndpoint } from '@/lib/outbound-webhooks/manage-endpoints';
import { serializeEndpoint } from '@/lib/outbound-webhooks/serialize';

type Params = { endpointId: string };

export const { GET, POST, PUT, PATCH, DELETE, OPTIONS } = defineRoute(
  { route: '/api/v1/webhook-endpoints/[endpointId]', renderFailure: renderApiFailure },
  {
    GET: apiRoute<Params>(async ({ caller, params }) => {
      const endpoint = await getWebhookEndpoint(caller.orgId, params.endpointId);
      return endpoint ? apiJson(200, serializeEndpoint(endpoint)) : endpointNotFound();
    }),

    PATCH: apiRoute<Params>(async ({ request, caller, params }) => {
      const body = await parseBody(request, updateEndpointSchema);
      if (body.response) return body.response;
      const updated = await updateEndpoint(caller.orgId, params.endpointId, body.data);
      if (!updated.ok) return apiError('validation_failed', updated.problem.message, { field: 'url' });
      return updated.endpoint ? apiJson(200, serializeEndpoint(updated.endpoint)) : endpointNotFound();
    }),

    DELETE: apiRoute<Params>(async ({ caller, params }) =>
      (await deleteEndpoint(caller.orgId, params.endpointId)) ? noContent() : endpointNotFound(),
    ),
  },
);
