// Benchmark (not a test): the Tickets page's data and GET /api/v1/tickets at 100,000 synced tickets.
// Run: npx tsx scripts/bench/tickets.ts [--tickets 100000] [--runs 40] [--explain]
// What it measures and how: scripts/bench/tickets.bench.ts, which this starts under Vitest.
import { spawnSync } from 'node:child_process';
import { parseArgs } from 'node:util';

const { values } = parseArgs({ options: { tickets: { type: 'string' }, runs: { type: 'string' }, explain: { type: 'boolean' } } });
const run = spawnSync(process.execPath, ['node_modules/vitest/vitest.mjs', 'run', '--config', 'scripts/bench/vitest.tickets.config.ts', '--silent=false'], {
  stdio: 'inherit',
  env: {
    ...process.env,
    BENCH_TICKETS: values.tickets ?? '100000',
    BENCH_RUNS: values.runs ?? '40',
    BENCH_EXPLAIN: values.explain ? '1' : '0',
  },
});
process.exit(run.status ?? 1);
