// Public REST API (API key): the latest diagnostics of a connection, or a new run.
import { getApiConnection } from '@/db/queries/api-connections';
import { apiRoute } from '@/lib/api/v1/api-route';
import { serializeDiagnosticRun } from '@/lib/api/v1/serialize-diagnostics';
import { DIAGNOSTICS_COOLDOWN_SECS, diagnosticsCooldown } from '@/lib/api/v1/diagnostics-cooldown';
import { apiError, apiJson, connectionNotFound } from '@/lib/api/v1/respond';
import { getLatestDiagnosticRun, runDiagnostics } from '@/lib/integrations/jira/diagnostics';

type Params = { connectionId: string };

export const GET = apiRoute<Params>(async ({ caller, params }) => {
  if (!(await getApiConnection(caller.orgId, params.connectionId))) return connectionNotFound();
  const run = await getLatestDiagnosticRun(caller.orgId, params.connectionId);
  return apiJson(200, { run: run ? serializeDiagnosticRun(run) : null });
});

export const POST = apiRoute<Params>(async ({ caller, params }) => {
  if (!(await getApiConnection(caller.orgId, params.connectionId))) return connectionNotFound();
  const latest = await getLatestDiagnosticRun(caller.orgId, params.connectionId);
  const cooldown = diagnosticsCooldown(latest?.startedAt, new Date());
  if (cooldown.wait) {
    return apiError(
      'rate_limited',
      `Diagnostics ran for this connection less than ${DIAGNOSTICS_COOLDOWN_SECS} seconds ago; GET /api/v1/connections/${params.connectionId}/diagnostics returns that run. Start a new run in ${cooldown.retryAfterSecs} seconds.`,
      { headers: { 'Retry-After': String(cooldown.retryAfterSecs) } },
    );
  }
  const run = await runDiagnostics(caller.orgId, params.connectionId, { trigger: 'api' });
  return run ? apiJson(201, { run: serializeDiagnosticRun(run) }) : connectionNotFound();
});
