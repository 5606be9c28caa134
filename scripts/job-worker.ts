/**
 * One job worker process: works every registered job and fires the cron schedules (lib/jobs/registry.ts)
 * on DATABASE_URL's queues. Started by scripts/portico.ts, beside Next.js (`npm start`, `npm run dev`) or
 * alone (`tsx scripts/portico.ts worker`); any number of them, on any machine, share one database.
 *
 *   node --conditions=react-server --import tsx scripts/job-worker.ts
 *
 * SIGTERM/SIGINT: stop taking jobs, let running ones finish (up to 20 s; what is left is failed back to
 * its queue and retried by another worker), write pending Jira usage counts, exit 0.
 */
import { parseEnv } from '../lib/config/env-schema';
import { flushJiraUsage } from '../lib/integrations/jira/usage-recorder';
import { startWorker, stopWorker } from '../lib/jobs/worker';
import { log } from '../lib/observability/request-context';

parseEnv(process.env);
await startWorker();

let stopping = false;
async function stop(signal: string) {
  if (stopping) return;
  stopping = true;
  log().info({ signal }, 'job worker stopping');
  try {
    await stopWorker();
    await flushJiraUsage();
  } catch (error) {
    log().error({ err: error }, 'job worker did not stop cleanly');
    process.exitCode = 1;
  }
  process.exit();
}
process.on('SIGTERM', () => void stop('SIGTERM'));
process.on('SIGINT', () => void stop('SIGINT'));
