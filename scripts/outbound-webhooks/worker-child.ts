/**
 * A worker process that works only the outbound webhooks' jobs (the dispatcher, woken by the events' NOTIFY, and
 * the deliveries), for their benchmark (scripts/bench/outbound-webhooks.ts), with the production worker's settings
 * (polling interval and the delivery job's concurrency included). Stops on SIGTERM. Environment as for any worker:
 * DATABASE_URL, PORTICO_ENCRYPTION_KEY, PORTICO_WEBHOOKS_ALLOW_PRIVATE.
 *
 *   node --conditions=react-server --import tsx scripts/outbound-webhooks/worker-child.ts
 */
import { startWorker, stopWorker } from '../../lib/jobs/worker';
import { deliverWebhookJob } from '../../lib/outbound-webhooks/deliver-webhook';
import { dispatchEventsJob } from '../../lib/outbound-webhooks/dispatch-events';

await startWorker({ jobs: [dispatchEventsJob, deliverWebhookJob], schedules: [] });
process.stdout.write('ready\n');
process.once('SIGTERM', () => {
  void stopWorker().finally(() => process.exit(0));
});
setInterval(() => undefined, 60_000);
