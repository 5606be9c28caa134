// Benchmark: startup time and throughput/latency on the big-site scenario.
// Run: npx tsx sandbox/bench.ts [--requests 3000] [--concurrency 32] [--runs 3]
// The sandbox runs in a child process (as Portico's tests and demo run it); figures are medians of runs.
import { spawn } from 'node:child_process';
import os from 'node:os';
import { parseArgs } from 'node:util';
import { performance } from 'node:perf_hooks';
import { fileURLToPath } from 'node:url';
import { connect } from './test-support';

const { values } = parseArgs({ options: { requests: { type: 'string' }, concurrency: { type: 'string' }, runs: { type: 'string' } } });
const REQUESTS = Number(values.requests ?? 3000);
const CONCURRENCY = Number(values.concurrency ?? 32);
const RUNS = Number(values.runs ?? 3);
const median = (xs: number[]) => [...xs].sort((a, b) => a - b)[Math.floor(xs.length / 2)] ?? 0;
const pct = (sorted: number[], p: number) => sorted[Math.min(sorted.length - 1, Math.floor((p / 100) * sorted.length))] ?? 0;

async function inProcessStartup(): Promise<number> {
  const t0 = performance.now();
  const { startSandbox } = await import('./server');
  const s = await startSandbox({ port: 0, scenario: 'big-site' });
  const ms = performance.now() - t0;
  await s.close();
  return ms;
}

function spawnSandbox(): Promise<{ url: string; ms: number; stop: () => void }> {
  const t0 = performance.now();
  const main = fileURLToPath(new URL('./main.ts', import.meta.url));
  const child = spawn(process.execPath, ['--import', 'tsx', main, '--port', '0', '--scenario', 'big-site'], { stdio: ['ignore', 'pipe', 'inherit'] });
  return new Promise((resolve, reject) => {
    child.stdout.on('data', (chunk: Buffer) => {
      const m = /listening on (\S+)/.exec(chunk.toString());
      if (m?.[1]) resolve({ url: m[1], ms: performance.now() - t0, stop: () => child.kill('SIGTERM') });
    });
    child.on('exit', (code) => reject(new Error(`sandbox exited with ${code}`)));
  });
}

async function load(url: string, token: string): Promise<{ rps: number; p50: number; p95: number }> {
  const latencies: number[] = [];
  let next = 0;
  const t0 = performance.now();
  await Promise.all(
    Array.from({ length: CONCURRENCY }, async () => {
      while (next++ < REQUESTS) {
        const s = performance.now();
        const res = await fetch(url, { headers: { authorization: `Bearer ${token}` } });
        await res.arrayBuffer();
        if (res.status !== 200) throw new Error(`${url} → ${res.status}`);
        latencies.push(performance.now() - s);
      }
    }),
  );
  const seconds = (performance.now() - t0) / 1000;
  latencies.sort((a, b) => a - b);
  return { rps: REQUESTS / seconds, p50: pct(latencies, 50), p95: pct(latencies, 95) };
}

const inProc = median(await Promise.all([inProcessStartup()]));
const sandbox = await spawnSandbox();
try {
  const state = (await (await fetch(`${sandbox.url}/__sandbox/state`)).json()) as { sites: Array<{ cloudId: string }> };
  const cloudId = state.sites[0]!.cloudId;
  const tokens = await connect(sandbox.url, { cloudId });
  const api = `${sandbox.url}/ex/jira/${cloudId}/rest/api/3`;
  const targets = {
    'project/search?maxResults=100': `${api}/project/search?maxResults=100`,
    'project/search?startAt=900&maxResults=100': `${api}/project/search?startAt=900&maxResults=100`,
    'statuses/search (200/page)': `${api}/statuses/search`,
    'project/{key}/statuses': `${api}/project/P0A0/statuses`,
  };
  console.log(`machine: ${os.cpus()[0]?.model ?? 'unknown'} x${os.cpus().length}, node ${process.version}`);
  console.log(`startup (in-process startSandbox, big-site world built): ${inProc.toFixed(0)} ms`);
  console.log(`startup (CLI child process until "listening" line, incl. tsx): ${sandbox.ms.toFixed(0)} ms`);
  console.log(`load: ${REQUESTS} requests, concurrency ${CONCURRENCY}, median of ${RUNS} runs`);
  for (const [name, url] of Object.entries(targets)) {
    await load(url, tokens.access_token); // warm-up
    const runs = [];
    for (let i = 0; i < RUNS; i++) runs.push(await load(url, tokens.access_token));
    console.log(`${name.padEnd(44)} ${median(runs.map((r) => r.rps)).toFixed(0).padStart(6)} req/s  p50 ${median(runs.map((r) => r.p50)).toFixed(1)} ms  p95 ${median(runs.map((r) => r.p95)).toFixed(1)} ms`);
  }
} finally {
  sandbox.stop();
}
