// Public REST API (API key): the latest diagnostics of a connection, or a new run.
import { getApiConnection } from '@/db/queries/api-connections';
import { apiRoute } from '@/lib/api/v1/api-route';
import { DIAGNOSTICS_COOLDOWN_SECS } from '@/lib/api/v1/diagnostics-cooldown';
import { apiError, apiJson, connectionNotFound, renderApiFailure } from '@/lib/api/v1/respond';
import { serializeDiagnosticRun } from '@/lib/api/v1/serialize-diagnostics';
import { defineRoute } from '@/lib/http/route-handler';
import { getLatestDiagnosticRun, runDiagnosticsUnlessCooling } from '@/lib/integrations/jira/diagnostics';

type Params = { connectionId: string };

export const { GET, POST, PUT, PATCH, DELETE, OPTIONS } = defineRoute(
  { route: '/api/v1/connections/[connectionId]/diagnostics', renderFailure: renderApiFailure },
  {
    GET: apiRoute<Params>(async ({ caller, params }) => {
      if (!(await getApiConnection(caller.orgId, params.connectionId))) return connectionNotFound();
      const run = await getLatestDiagnosticRun(caller.orgId, params.connectionId);
      return apiJson(200, { run: run ? serializeDiagnosticRun(run) : null });
    }),

    POST: apiRoute<Params>(async ({ caller, params }) => {
      if (!(await getApiConnection(caller.orgId, params.connectionId))) return connectionNotFound();
      // Atomic across requests and processes: of parallel POSTs exactly one runs (run-diagnostics.ts).
      const result = await runDiagnosticsUnlessCooling(caller.orgId, params.connectionId, { trigger: 'api' });
      if (result.status === 'cooling') {
        return apiError(
          'rate_limited',
          `Diagnostics ran for this connection less than ${DIAGNOSTICS_COOLDOWN_SECS} seconds ago; GET /api/v1/connections/${params.connectionId}/diagnostics returns that run. Start a new run in ${result.retryAfterSecs} seconds.`,
          { headers: { 'Retry-After': String(result.retryAfterSecs) } },
        );
      }
      return result.status === 'ran' ? apiJson(201, { run: serializeDiagnosticRun(result.run) }) : connectionNotFound();
    }),
  },
);
