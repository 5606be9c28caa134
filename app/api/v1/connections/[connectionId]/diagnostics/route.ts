// Public REST API (API key): the latest diagnostics of a connection, or a new run.
import { getApiConnection } from '@/db/queries/api-connections';
import { apiRoute } from '@/lib/api/v1/api-route';
import { serializeDiagnosticRun } from '@/lib/api/v1/serialize-diagnostics';
import { apiJson, connectionNotFound } from '@/lib/api/v1/respond';
import { getLatestDiagnosticRun, runDiagnostics } from '@/lib/integrations/jira/diagnostics';

type Params = { connectionId: string };

export const GET = apiRoute<Params>(async ({ caller, params }) => {
  if (!(await getApiConnection(caller.orgId, params.connectionId))) return connectionNotFound();
  const run = await getLatestDiagnosticRun(caller.orgId, params.connectionId);
  return apiJson(200, { run: run ? serializeDiagnosticRun(run) : null });
});

export const POST = apiRoute<Params>(async ({ caller, params }) => {
  if (!(await getApiConnection(caller.orgId, params.connectionId))) return connectionNotFound();
  const run = await runDiagnostics(caller.orgId, params.connectionId, { trigger: 'api' });
  return run ? apiJson(201, { run: serializeDiagnosticRun(run) }) : connectionNotFound();
});
