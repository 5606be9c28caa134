// Public REST API (API key): list the organization's connections, or create a Jira connection.
import { apiRoute } from '@/lib/api/v1/api-route';
import { createConnection, listConnections } from '@/lib/api/v1/connections';
import { parseBody } from '@/lib/api/v1/parse-body';
import { apiJson, renderApiFailure } from '@/lib/api/v1/respond';
import { createConnectionSchema } from '@/lib/api/v1/schemas';
import { defineRoute } from '@/lib/http/route-handler';

export const { GET, POST, PUT, PATCH, DELETE, OPTIONS } = defineRoute(
  { route: '/api/v1/connections', renderFailure: renderApiFailure },
  {
    GET: apiRoute(async ({ caller }) => apiJson(200, { data: await listConnections(caller) })),

    POST: apiRoute(async ({ request, caller }) => {
      const body = await parseBody(request, createConnectionSchema);
      if (body.response) return body.response;
      const connection = await createConnection(caller, body.data);
      return apiJson(201, connection, { Location: `/api/v1/connections/${connection.id}` });
    }),
  },
);
