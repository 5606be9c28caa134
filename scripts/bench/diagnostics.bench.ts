/**
 * Benchmark: how long one diagnostics run takes against the sandbox's default scenario (in-process
 * sandbox, embedded PostgreSQL, a connection with a two-project filter). Prints every run and the
 * median, with the machine noted. Manual runs force a token refresh; after-connect runs do not.
 *
 *   npx vitest run --config scripts/bench/vitest.diagnostics.config.ts
 */
import os from 'node:os';
import { eq } from 'drizzle-orm';
import { it } from 'vitest';
import { jiraConnections } from '@/db/schema';
import { handleCallback } from '@/lib/integrations/jira/connect/handle-callback';
import { runDiagnostics, type DiagnosticTrigger } from '@/lib/integrations/jira/diagnostics';
import { createOrgMembers, MAIN_CLOUD_ID, setupJiraHarness } from '@/tests/jira-harness';

const RUNS = 11;
const harness = setupJiraHarness();

const median = (values: number[]) => [...values].sort((a, b) => a - b)[Math.floor(values.length / 2)]!;

it('prints the median duration of a diagnostics run', { timeout: 120_000 }, async () => {
  const [admin] = await createOrgMembers(harness.db(), 'Bench', ['admin']);
  const consent = await harness.startConsent(admin!);
  const result = await handleCallback(admin, await harness.approveConsent(consent.authorizeUrl, MAIN_CLOUD_ID), consent.browserBinding);
  if (result.kind !== 'done' || !result.connectionId) throw new Error('connect failed');
  const connectionId = result.connectionId;
  await harness.db().update(jiraConnections).set({ projectFilter: ['PLAT', 'MOB'] }).where(eq(jiraConnections.id, connectionId));

  const lines = [`machine: ${os.cpus().length} × ${os.cpus()[0]?.model ?? 'cpu'}, node ${process.version}`];
  for (const trigger of ['manual', 'after_connect'] as DiagnosticTrigger[]) {
    const durations: number[] = [];
    for (let index = 0; index < RUNS; index += 1) {
      const started = performance.now();
      const run = await runDiagnostics(admin!.orgId, connectionId, { trigger });
      durations.push(performance.now() - started);
      if (run?.outcome !== 'pass') throw new Error(`run ${index} was ${run?.outcome}`);
    }
    lines.push(`${trigger}: median ${median(durations).toFixed(0)} ms over ${RUNS} runs (${durations.map((ms) => ms.toFixed(0)).join(', ')})`);
  }
  console.log(lines.join('\n'));
});
