/** Runs once when a Portico server process starts. */
export async function register(): Promise<void> {
  if (process.env.NEXT_RUNTIME !== 'nodejs') return;
  await import('./lib/config/validate-at-start');
  const { scheduleKeepAlive } = await import('./lib/integrations/jira/keep-alive');
  scheduleKeepAlive();
  const { scheduleDiagnostics } = await import('./lib/integrations/jira/diagnostics/schedule');
  scheduleDiagnostics();
  const { scheduleReencryption } = await import('./lib/jobs/reencrypt-secrets/schedule');
  scheduleReencryption();
  // Readiness reports this beat's age: the schedules above run only while it is fresh.
  const { startSchedulerHeartbeat } = await import('./lib/observability/health/scheduler-heartbeat');
  startSchedulerHeartbeat();
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
