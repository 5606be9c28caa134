// Public REST API (API key): list the organization's outbound webhook endpoints, or create one.
import { apiRoute } from '@/lib/api/v1/api-route';
import { parseBody } from '@/lib/api/v1/parse-body';
import { apiError, apiJson, renderApiFailure } from '@/lib/api/v1/respond';
import { defineRoute } from '@/lib/http/route-handler';
import { listWebhookEndpoints } from '@/db/queries/webhook-endpoints';
import { createEndpointSchema } from '@/lib/outbound-webhooks/endpoint-schemas';
import { createEndpoint } from '@/lib/outbound-webhooks/manage-endpoints';
import { serializeEndpoint } from '@/lib/outbound-webhooks/serialize';

export const { GET, POST, PUT, PATCH, DELETE, OPTIONS } = defineRoute(
  { route: '/api/v1/webhook-endpoints', renderFailure: renderApiFailure },
  {
    GET: apiRoute(async ({ caller }) => apiJson(200, { data: (await listWebhookEndpoints(caller.orgId)).map(serializeEndpoint) })),

    POST: apiRoute(async ({ request, caller }) => {
      const body = await parseBody(request, createEndpointSchema);
      if (body.response) return body.response;
      const created = await createEndpoint(caller.orgId, body.data, { userId: null, apiKeyId: caller.keyId });
      if (!created.ok) return apiError('validation_failed', created.problem.message, { field: 'url' });
      return apiJson(201, { endpoint: serializeEndpoint(created.endpoint), secret: created.secret }, { Location: `/api/v1/webhook-endpoints/${created.endpoint.id}` });
    }),
  },
);
