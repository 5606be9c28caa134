/**
 * Benchmark: a burst of concurrent requests that each need a Jira call, spread over two Portico
 * instances sharing one database, while the access token needs a refresh. Prints latency and
 * the number of refreshes the sandbox saw, per round and as medians, with the machine noted.
 *
 *   npx next build && npx tsx scripts/bench/refresh-concurrency.ts [--rounds 5] [--burst 100]
 *
 * Self-contained: starts its own Portico (`--instances 2`, ports 3200–3201, sandbox on 4210) on
 * a fresh embedded database in a temporary folder, signs in and connects Jira through headless
 * Chromium, and stops everything at the end.
 */
import type { ChildProcess } from 'node:child_process';
import { mkdtemp, rm } from 'node:fs/promises';
import os from 'node:os';
import path from 'node:path';
import { parseArgs } from 'node:util';
import { chromium } from '@playwright/test';
import { CHROMIUM_ARGS, chromiumExecutable } from '../../e2e/chromium';
import { connectE2eDatabase, expireAccessTokens, type Sql } from '../../e2e/db';
import { SANDBOX_SITES } from '../../e2e/env';
import { SandboxControl } from '../../e2e/sandbox';
import { startPorticoProcess, stopPorticoProcess } from './portico-process';

const { values } = parseArgs({
  options: {
    rounds: { type: 'string', default: '5' },
    burst: { type: 'string', default: '100' },
    port: { type: 'string', default: '3200' },
    'sandbox-port': { type: 'string', default: '4210' },
  },
});
const ROUNDS = Number(values.rounds);
const BURST = Number(values.burst);
const PORT = Number(values.port);
const INSTANCES = [`http://localhost:${PORT}`, `http://localhost:${PORT + 1}`];
const sandbox = new SandboxControl(`http://127.0.0.1:${values['sandbox-port']}`);

interface Mode {
  name: string;
  /** Puts the grant in the state this mode measures, before each round. */
  prepare: (sql: Sql, orgId: string) => Promise<void>;
}

const MODES: Mode[] = [
  { name: 'token valid (no refresh)', prepare: async () => {} },
  {
    name: 'token expired in Portico (proactive refresh)',
    prepare: expireAccessTokens,
  },
  {
    name: 'token expired at Atlassian only (401, then refresh)',
    prepare: async () => {
      await sandbox.knobs({ advanceClockSecs: 3_700 });
    },
  },
  {
    name: '30 s tokens throughout (below the 60 s refresh margin)',
    prepare: async (sql, orgId) => {
      await sandbox.knobs({ accessTokenLifetimeSecs: 30 });
      await expireAccessTokens(sql, orgId);
    },
  },
];


/** Signs in as the demo admin and connects the main sandbox site; returns the session cookies and connection id. */
async function connectThroughBrowser(): Promise<{ cookie: string; connectionId: string }> {
  const browser = await chromium.launch({ executablePath: chromiumExecutable(), args: CHROMIUM_ARGS });
  try {
    const page = await browser.newPage({ baseURL: INSTANCES[0] });
    await page.goto('/sign-in');
    await page.getByLabel('Email').fill('admin@example.com');
    await page.getByLabel('Password').fill('portico-admin');
    await page.getByRole('button', { name: 'Sign in' }).click();
    await page.waitForURL(/\/settings\/integrations/);
    await page.getByRole('article', { name: 'Jira Cloud' }).getByRole('button', { name: 'Connect' }).click();
    await page.getByLabel('Use app on').selectOption({ label: SANDBOX_SITES.main.host });
    await page.getByRole('button', { name: 'Accept' }).click();
    await page.waitForURL(/\/settings\/integrations\/jira\/[0-9a-f-]{36}\?jira=connected/);
    const connectionId = /\/jira\/([0-9a-f-]{36})/.exec(page.url())![1]!;
    const cookies = await page.context().cookies(INSTANCES[0]);
    return { cookie: cookies.map((c) => `${c.name}=${c.value}`).join('; '), connectionId };
  } finally {
    await browser.close();
  }
}

async function burst(cookie: string, connectionId: string) {
  const started = performance.now();
  const results = await Promise.all(
    Array.from({ length: BURST }, async (_, index) => {
      const t0 = performance.now();
      const response = await fetch(`${INSTANCES[index % 2]}/api/integrations/jira/connections/${connectionId}/check`, { headers: { cookie } });
      const body = (await response.json()) as { ok?: boolean };
      return { ms: performance.now() - t0, ok: response.status === 200 && body.ok === true };
    }),
  );
  return { wallMs: performance.now() - started, results };
}

const percentile = (sorted: number[], p: number) => sorted[Math.min(sorted.length - 1, Math.ceil((p / 100) * sorted.length) - 1)]!;
const median = (numbers: number[]) => percentile([...numbers].sort((a, b) => a - b), 50);
const ms = (value: number) => `${value.toFixed(0)} ms`.padStart(8);

async function main() {
  const dataDir = await mkdtemp(path.join(os.tmpdir(), 'portico-bench-'));
  let portico: ChildProcess | undefined;
  let sql: Sql | undefined;
  try {
    portico = await startPorticoProcess({ dataDir, port: PORT, sandboxPort: values['sandbox-port'], instances: 2 });
    sql = connectE2eDatabase(dataDir);
    const { cookie, connectionId } = await connectThroughBrowser();
    const [connection] = await sql<{ orgId: string }[]>`select organization_id as "orgId" from jira_connections where id = ${connectionId}`;
    const orgId = connection!.orgId;

    const cpus = os.cpus();
    console.log(`Machine: ${cpus[0]?.model ?? 'unknown CPU'}, ${os.availableParallelism()} CPUs available (${cpus.length} online), ` +
      `${(os.totalmem() / 2 ** 30).toFixed(1)} GiB RAM, ${os.type()} ${os.release()}, Node ${process.version}`);
    console.log(`Portico: 2 instances (${INSTANCES.join(', ')}), one embedded PostgreSQL, sandbox latency 0 ms`);
    console.log(`Each round: ${BURST} concurrent GET /api/integrations/jira/connections/:id/check, alternating instances\n`);

    await burst(cookie, connectionId); // warm-up: route code loaded, connection pools open
    const summary: string[] = [];
    for (const mode of MODES) {
      console.log(mode.name);
      const p50s: number[] = [];
      const p95s: number[] = [];
      const refreshes: number[] = [];
      for (let round = 1; round <= ROUNDS; round += 1) {
        await mode.prepare(sql, orgId);
        await sandbox.resetCounters();
        const { wallMs, results } = await burst(cookie, connectionId);
        const counters = await sandbox.counters();
        const sorted = results.map((r) => r.ms).sort((a, b) => a - b);
        const [p50, p95] = [percentile(sorted, 50), percentile(sorted, 95)];
        p50s.push(p50);
        p95s.push(p95);
        refreshes.push(counters.refreshes);
        console.log(
          `  round ${round}: ok ${results.filter((r) => r.ok).length}/${BURST}  p50 ${ms(p50)}  p95 ${ms(p95)}  max ${ms(sorted.at(-1)!)}  ` +
            `wall ${ms(wallMs)}  refreshes ${counters.refreshes}  Jira calls ${counters.requests.myself ?? 0}`,
        );
      }
      await sandbox.knobs({ accessTokenLifetimeSecs: 3_600 });
      summary.push(`  ${mode.name.padEnd(56)} p50 ${ms(median(p50s))}  p95 ${ms(median(p95s))}  refreshes ${median(refreshes)}`);
    }
    console.log(`\nMedians over ${ROUNDS} rounds:`);
    console.log(summary.join('\n'));
  } finally {
    await sql?.end();
    if (portico) await stopPorticoProcess(portico);
    await rm(dataDir, { recursive: true, force: true });
  }
}

main().catch((error: unknown) => {
  console.error(error);
  process.exitCode = 1;
});
