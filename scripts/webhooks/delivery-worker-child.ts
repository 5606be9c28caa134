/**
 * A worker process that works only `jira-webhook-delivery`, for the webhook benchmark (scripts/bench/webhooks.ts),
 * with the production worker's settings (polling interval included). Stops on SIGTERM. Environment as for any
 * worker: DATABASE_URL, ATLASSIAN_*, PORTICO_ENCRYPTION_KEY.
 *
 *   node --conditions=react-server --import tsx scripts/webhooks/delivery-worker-child.ts
 */
import { webhookDeliveryJob } from '../../lib/integrations/jira/webhooks/delivery-job';
import { startWorker, stopWorker } from '../../lib/jobs/worker';

await startWorker({ jobs: [webhookDeliveryJob], schedules: [] });
process.stdout.write('ready\n');
process.once('SIGTERM', () => {
  void stopWorker().finally(() => process.exit(0));
});
setInterval(() => undefined, 60_000);
