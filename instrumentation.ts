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
  const { flushJiraUsageOnShutdown } = await import('./lib/integrations/jira/usage-recorder');
  flushJiraUsageOnShutdown();
}
