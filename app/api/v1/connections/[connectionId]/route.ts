// Public REST API (API key): read, change or delete one connection of the key's organization.
import { NextResponse } from 'next/server';
import { getApiConnection } from '@/db/queries/api-connections';
import { apiRoute } from '@/lib/api/v1/api-route';
import { deleteConnection, getConnection, updateConnection } from '@/lib/api/v1/connections';
import { idempotencyFor, recordIdempotentAnswer } from '@/lib/api/v1/idempotency';
import { parseBody } from '@/lib/api/v1/parse-body';
import { apiError, apiJson, connectionNotFound, renderApiFailure } from '@/lib/api/v1/respond';
import { updateConnectionSchema } from '@/lib/api/v1/schemas';
import { defineRoute } from '@/lib/http/route-handler';

type Params = { connectionId: string };

export const { GET, POST, PUT, PATCH, DELETE, OPTIONS } = defineRoute(
  { route: '/api/v1/connections/[connectionId]', renderFailure: renderApiFailure },
  {
    GET: apiRoute<Params>(async ({ caller, params }) => {
      const connection = await getConnection(caller, params.connectionId);
      return connection ? apiJson(200, connection) : connectionNotFound();
    }),

    PATCH: apiRoute<Params>(async ({ request, caller, params }) => {
      // Unknown ids answer 404 before the body is judged: another organization's id reveals nothing.
      if (!(await getApiConnection(caller.orgId, params.connectionId))) return connectionNotFound();
      const body = await parseBody(request, updateConnectionSchema);
      if (body.response) return body.response;
      const idempotency = await idempotencyFor(request, caller.orgId, `api_connection_patch:${params.connectionId}`, body.data);
      if (idempotency.response) return idempotency.response;
      const result = await updateConnection(caller, params.connectionId, body.data);
      if (result.ok) {
        if (idempotency.request) await recordIdempotentAnswer(caller.orgId, idempotency.request, 200, result.connection);
        return apiJson(200, result.connection);
      }
      if (result.reason === 'not_found') return connectionNotFound();
      if (result.reason === 'invalid_interval') return apiError('validation_failed', `refresh_interval_secs: ${result.message}`, { field: 'refresh_interval_secs' });
      return apiError('conflict', 'The configuration changed while saving; read the connection and try again.');
    }),

    DELETE: apiRoute<Params>(async ({ caller, params }) => {
      const deleted = await deleteConnection(caller, params.connectionId);
      return deleted
        ? new NextResponse(null, { status: 204, headers: { 'Cache-Control': 'no-store' } })
        : connectionNotFound();
    }),
  },
);
