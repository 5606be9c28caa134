/**
 * Runs once when a Portico server process starts. Background work runs in job workers (lib/jobs/worker.ts,
 * started beside Next by scripts/portico.ts), not here.
 */
export async function register(): Promise<void> {
  if (process.env.NEXT_RUNTIME !== 'nodejs') return;
  await import('./lib/config/validate-at-start');
  const { flushJiraUsageOnShutdown } = await import('./lib/integrations/jira/usage-recorder');
  flushJiraUsageOnShutdown();
}

/** Failures of pages and server actions (route handlers log their own): one JSON line with message and stack. */
export async function onRequestError(
  error: unknown,
  request: { path: string; method: string },
  context: { routePath: string; routeType: string },
): Promise<void> {
  if (process.env.NEXT_RUNTIME !== 'nodejs') return;
  const { log } = await import('./lib/observability/request-context');
  // The path without its query: a query may carry a code or a token.
  log().error(
    {
      err: error,
      method: request.method,
      path: request.path.split('?')[0],
      route: context.routePath,
      routeType: context.routeType,
    },
    'request failed',
  );
}
