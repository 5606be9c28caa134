// Public REST API (API key): a new signing secret; the previous one keeps signing for the overlap asked.
import { apiRoute } from '@/lib/api/v1/api-route';
import { parseBody } from '@/lib/api/v1/parse-body';
import { apiJson, renderApiFailure } from '@/lib/api/v1/respond';
import { defineRoute } from '@/lib/http/route-handler';
import { endpointNotFound } from '@/lib/outbound-webhooks/api-responses';
import { rotateSecretSchema } from '@/lib/outbound-webhooks/endpoint-schemas';
import { rotateSecret } from '@/lib/outbound-webhooks/manage-endpoints';
import { serializeEndpoint } from '@/lib/outbound-webhooks/serialize';

type Params = { endpointId: string };

export const { GET, POST, PUT, PATCH, DELETE, OPTIONS } = defineRoute(
  { route: '/api/v1/webhook-endpoints/[endpointId]/rotate-secret', renderFailure: renderApiFailure },
  {
    POST: apiRoute<Params>(async ({ request, caller, params }) => {
      const body = await parseBody(request, rotateSecretSchema);
      if (body.response) return body.response;
      const rotated = await rotateSecret(caller.orgId, params.endpointId, body.data.overlap_hours);
      return rotated ? apiJson(200, { endpoint: serializeEndpoint(rotated.endpoint), secret: rotated.secret }) : endpointNotFound();
    }),
  },
);
