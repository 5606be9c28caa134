/**
 * A worker process that works only the sync's jobs, for the sync benchmark (scripts/bench/sync.ts): prints
 * `rss <bytes> <cpu µs> <heap total> <heap used> <external>` every second, so the benchmark can report the
 * worker's memory from start to end (and which part of it grew) and the CPU it spent. Stops on SIGTERM. Environment as for any worker: DATABASE_URL, ATLASSIAN_*, PORTICO_ENCRYPTION_KEY.
 *
 *   node --conditions=react-server --import tsx scripts/sync/worker-child.ts
 */
import { syncBackfillJob, syncPollJob, syncRenormalizeJob } from '../../lib/integrations/jira/sync/jobs/sync-jobs';
import { startWorker, stopWorker } from '../../lib/jobs/worker';

await startWorker({ jobs: [syncBackfillJob, syncPollJob, syncRenormalizeJob], schedules: [], pollingIntervalSecs: 0.5 });
const report = () => {
  const { user, system } = process.cpuUsage();
  const { rss, heapTotal, heapUsed, external } = process.memoryUsage();
  process.stdout.write(`rss ${rss} ${user + system} ${heapTotal} ${heapUsed} ${external}\n`);
};
report();
setInterval(report, 1000).unref();
// The benchmark's question "is the heap garbage or kept?": a full collection (node --expose-gc), then a sample.
process.on('SIGUSR2', () => {
  (globalThis as { gc?: () => void }).gc?.();
  report();
});
process.once('SIGTERM', () => {
  void stopWorker().finally(() => process.exit(0));
});
setInterval(() => undefined, 60_000);
