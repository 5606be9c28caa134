// Benchmark (not a test): GET /api/v1/connections under load, beside a trivial handler of the same build.
// Run after `npx next build`: npx tsx scripts/bench/api-connections.ts [--runs 3] [--seconds 10] [--port 3450]
//
// Starts the built app with scripts/portico.ts (`next start`, a fresh embedded PostgreSQL, the sandbox), creates
// an organization with an API key and 10 connections straight in the database, then runs autocannon with 50
// concurrent clients against GET /api/v1/ping (no key, no database: the ceiling of this build on this machine)
// and GET /api/v1/connections (key lookup, rate limiter, one org-scoped query, serialization). Prints the
// median of the runs. The rate limit is raised for the run so the figure measures work, not 429s.
import { spawn } from 'node:child_process';

import { mkdtemp } from 'node:fs/promises';
import os from 'node:os';
import path from 'node:path';
import { parseArgs } from 'node:util';
import autocannon from 'autocannon';
import postgres from 'postgres';
import { e2eDatabaseUrl } from '../../e2e/db';
import { rerunAsReactServer } from './react-server';

rerunAsReactServer(import.meta.url);
const { generateApiKey } = await import('../../lib/api/keys/key-format');

const { values } = parseArgs({ options: { runs: { type: 'string' }, seconds: { type: 'string' }, port: { type: 'string' } } });
const RUNS = Number(values.runs ?? 3);
const SECONDS = Number(values.seconds ?? 10);
const PORT = Number(values.port ?? 3450);
const CONNECTIONS = 50;
const median = (xs: number[]) => [...xs].sort((a, b) => a - b)[Math.floor(xs.length / 2)] ?? 0;

async function startPortico(dataDir: string) {
  const child = spawn(process.execPath, ['node_modules/tsx/dist/cli.mjs', 'scripts/portico.ts', 'start', '--port', String(PORT)], {
    env: { ...process.env, PORTICO_DATA_DIR: dataDir, PORTICO_FRESH: '1', SANDBOX_PORT: String(PORT + 1000), PORTICO_API_RATE_LIMIT_PER_MINUTE: '1000000', NEXT_TELEMETRY_DISABLED: '1' },
    stdio: ['ignore', 'pipe', 'inherit'],
    detached: true,
  });
  await new Promise<void>((resolve, reject) => {
    child.stdout.on('data', (chunk: Buffer) => chunk.toString().includes('Portico is running') && resolve());
    child.on('exit', (code) => reject(new Error(`Portico exited with ${code}`)));
  });
  return () => process.kill(-child.pid!, 'SIGTERM');
}

async function seed(dataDir: string): Promise<string> {
  const sql = postgres(e2eDatabaseUrl(dataDir), { max: 1, onnotice: () => {} });
  const key = generateApiKey();
  const [org] = await sql<{ id: string }[]>`insert into organizations (name) values ('Bench') returning id`;
  await sql`insert into api_keys (organization_id, name, prefix, secret_hash) values (${org!.id}, 'bench', ${key.prefix}, ${key.secretHash})`;
  for (let i = 0; i < 10; i += 1) {
    await sql`insert into jira_connections (organization_id, status, created_via, project_filter, requested_mappings)
      values (${org!.id}, 'pending_authorization', 'api', ${sql.json(['OPS', 'PLAT'])}, ${sql.json({ statuses: { Done: 'CLOSED' }, priorities: { Highest: 'CRITICAL' } })})`;
  }
  await sql.end();
  return key.secret;
}

async function measure(url: string, headers: Record<string, string>) {
  const result = await autocannon({ url, connections: CONNECTIONS, duration: SECONDS, headers });
  if (result.non2xx > 0) throw new Error(`${url}: ${result.non2xx} non-2xx answers`);
  // Socket errors and timeouts (10 s) are counted, not fatal: on a shared machine a few happen; they are printed.
  return { rps: result.requests.average, p99: result.latency.p99, errors: result.errors + result.timeouts };
}

async function main() {
  const dataDir = await mkdtemp(path.join(os.tmpdir(), 'portico-api-bench-'));
  const stop = await startPortico(dataDir);
  try {
    const secret = await seed(dataDir);
    const base = `http://127.0.0.1:${PORT}`;
    const targets: { name: string; url: string; headers: Record<string, string> }[] = [
      { name: 'GET /api/v1/ping (trivial)', url: `${base}/api/v1/ping`, headers: {} },
      { name: 'GET /api/v1/connections', url: `${base}/api/v1/connections`, headers: { authorization: `Bearer ${secret}` } },
    ];
    // Warm-up: first requests compile nothing in `next start`, but fill pools and JIT caches.
    for (const target of targets) await autocannon({ url: target.url, connections: 10, duration: 2, headers: target.headers });
    console.log(`${os.cpus().length} × ${os.cpus()[0]?.model ?? 'cpu'}, ${(os.totalmem() / 2 ** 30).toFixed(0)} GiB, Node ${process.version}`);
    console.log(`${CONNECTIONS} concurrent clients, ${SECONDS} s per run, median of ${RUNS} runs`);
    for (const target of targets) {
      const runs = [];
      for (let i = 0; i < RUNS; i += 1) runs.push(await measure(target.url, target.headers));
      console.log(
        `${target.name.padEnd(30)} ${median(runs.map((r) => r.rps)).toFixed(0).padStart(6)} req/s   p99 ${median(runs.map((r) => r.p99)).toFixed(0)} ms   (runs: ${runs.map((r) => `${r.rps.toFixed(0)} req/s, p99 ${r.p99} ms, ${r.errors} errors`).join('; ')})`,
      );
    }
  } finally {
    stop();
  }
}

void main().catch((error: unknown) => {
  console.error(error);
  process.exit(1);
});
