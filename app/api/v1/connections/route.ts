// Public REST API (API key): list the organization's connections, or create a Jira connection.
import { apiRoute } from '@/lib/api/v1/api-route';
import { createConnection, listConnections } from '@/lib/api/v1/connections';
import { parseBody } from '@/lib/api/v1/parse-body';
import { apiJson } from '@/lib/api/v1/respond';
import { createConnectionSchema } from '@/lib/api/v1/schemas';

export const GET = apiRoute(async ({ caller }) => apiJson(200, { data: await listConnections(caller) }));

export const POST = apiRoute(async ({ request, caller }) => {
  const body = await parseBody(request, createConnectionSchema);
  if (body.response) return body.response;
  const connection = await createConnection(caller, body.data);
  return apiJson(201, connection, { Location: `/api/v1/connections/${connection.id}` });
});
