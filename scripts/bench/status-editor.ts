// Benchmark (not a test): what it costs to load the status editor's Jira data on a big site.
// Run: npx tsx scripts/bench/status-editor.ts [--runs 3] [--latency 100]
//
// In-process: a fresh embedded PostgreSQL (temporary data folder, migrated), the Atlassian sandbox
// on `big-site` (1,050 projects, 300 statuses, 25 priorities) with `latencyMs` added to every request,
// and Portico's metadata layer called directly (refreshMetadata / getCachedMetadata), not over HTTP.
// The connection is made through the real consent flow and callback. The fallback is forced by the
// connection's granted scopes (manage:jira-configuration removed), which is what the layer decides on.
// Memory figures are this whole process: PostgreSQL runs as a child, but the sandbox's world is in it.
import os from 'node:os';
import { parseArgs } from 'node:util';
import { startBenchEnvironment } from './bench-environment';
import { connectThroughConsent } from './connect-through-consent';
import { rerunAsReactServer } from './react-server';

rerunAsReactServer(import.meta.url);

const { values } = parseArgs({ options: { runs: { type: 'string' }, latency: { type: 'string' } } });
const RUNS = Number(values.runs ?? 3);
const LATENCY_MS = Number(values.latency ?? 100);
const WITHOUT_CONFIG_SCOPE = ['read:jira-work', 'read:jira-user', 'offline_access'];

const median = (xs: number[]) => [...xs].sort((a, b) => a - b)[Math.floor(xs.length / 2)] ?? 0;
const mb = (bytes: number) => `${(bytes / 1024 / 1024).toFixed(0)} MB`;

async function main() {
  const { BIG_CLOUD_ID } = await import('@/sandbox/world/big-site');
  const bench = await startBenchEnvironment('status-editor', 'big-site');
  const { app, control } = bench;
  try {

    const { orgId, connectionId } = await connectThroughConsent('Bench', BIG_CLOUD_ID, app.callbackUrl);
    await control('knobs', { latencyMs: LATENCY_MS });

    const { eq } = await import('drizzle-orm');
    const { getDb } = await import('@/db/client');
    const { jiraConnections, jiraMetadataCache } = await import('@/db/schema');
    const { getCachedMetadata, refreshMetadata, refreshMetadataInBackground } = await import('@/lib/integrations/jira/metadata/metadata-cache');
    const db = getDb();
    const setScopes = (grantedScopes: string[], projectFilter: string[] = []) =>
      db.update(jiraConnections).set({ grantedScopes, projectFilter }).where(eq(jiraConnections.id, connectionId));
    const dropCache = () => db.delete(jiraMetadataCache).where(eq(jiraMetadataCache.connectionId, connectionId));
    const jiraCount = async () => {
      const { requests, sequentialJiraRequests } = await control<{ requests: Record<string, number>; sequentialJiraRequests: number }>('counters');
      const total = Object.entries(requests)
        .filter(([route]) => !['token', 'authorize', 'accessible-resources', 'me'].includes(route))
        .reduce((sum, [, n]) => sum + n, 0);
      return { total, sequential: sequentialJiraRequests };
    };
    const grantScopes = (await db.select({ s: jiraConnections.grantedScopes }).from(jiraConnections).where(eq(jiraConnections.id, connectionId)))[0]!.s;
    const someProjects = (await refreshMetadata(orgId, connectionId, { force: true }))!.projects.slice(0, 25).map((p) => p.key);

    type Row = { name: string; ms: number[]; requests: number[]; sequential: number[]; rss: number[]; heap: number[]; path?: string; bytes?: number };
    const rows: Row[] = [];
    async function measure(name: string, prepare: () => Promise<unknown>, load: () => Promise<{ path?: string; bytes?: number }>, runs = RUNS) {
      const row: Row = { name, ms: [], requests: [], sequential: [], rss: [], heap: [] };
      for (let run = 0; run < runs; run += 1) {
        await prepare();
        await control('counters/reset', {});
        const started = performance.now();
        const result = await load();
        row.ms.push(performance.now() - started);
        const counted = await jiraCount();
        row.requests.push(counted.total);
        row.sequential.push(counted.sequential);
        const memory = process.memoryUsage();
        row.rss.push(memory.rss);
        row.heap.push(memory.heapUsed);
        Object.assign(row, result);
      }
      rows.push(row);
      console.error(`  ${name}: done`);
    }
    const cold = async () => {
      const metadata = await refreshMetadata(orgId, connectionId, { force: true });
      return { path: metadata?.stats.statusPath, bytes: Buffer.byteLength(JSON.stringify(metadata)) };
    };

    await measure('cold, fast path (statuses/search)', () => Promise.all([setScopes(grantScopes), dropCache()]), cold);
    await measure('cold, fallback, all 1,050 projects', () => Promise.all([setScopes(WITHOUT_CONFIG_SCOPE), dropCache()]), cold);
    await measure('cold, fallback, project filter of 25', () => Promise.all([setScopes(WITHOUT_CONFIG_SCOPE, someProjects), dropCache()]), cold);
    await setScopes(grantScopes);
    await refreshMetadata(orgId, connectionId, { force: true });
    await measure(
      'warm page load (cache, background check)',
      () => Promise.resolve(),
      async () => {
        refreshMetadataInBackground(orgId, connectionId, 5 * 60_000);
        const cached = await getCachedMetadata(orgId, connectionId);
        await new Promise((resolve) => setTimeout(resolve, 0));
        return { path: `cache (${cached.metadata?.stats.statusPath})`, bytes: Buffer.byteLength(JSON.stringify(cached)) };
      },
      Math.max(RUNS, 15),
    );

    const cpus = os.cpus();
    console.log(`Machine: ${os.availableParallelism()} CPUs (nproc), ${cpus[0]?.model ?? 'unknown CPU'}, ${mb(os.totalmem())} RAM, Node ${process.version}, ${os.platform()} ${os.release()}`);
    console.log(`Sandbox big-site, latencyMs=${LATENCY_MS} per request, client concurrency 4, median of ${RUNS} runs (warm: ${Math.max(RUNS, 15)})\n`);
    console.log(['scenario'.padEnd(42), 'time'.padStart(10), 'Jira req'.padStart(9), 'in seq.'.padStart(8), 'rss'.padStart(8), 'heapUsed'.padStart(9), '  payload', '  path'].join(''));
    for (const row of rows) {
      console.log(
        [
          row.name.padEnd(42),
          `${median(row.ms).toFixed(0)} ms`.padStart(10),
          String(median(row.requests)).padStart(9),
          String(median(row.sequential)).padStart(8),
          mb(median(row.rss)).padStart(8),
          mb(median(row.heap)).padStart(9),
          `${((row.bytes ?? 0) / 1024).toFixed(0)} KB`.padStart(9),
          `  ${row.path ?? ''}`,
        ].join(''),
      );
    }
  } finally {
    await bench.close();
  }
}

await main();
