import 'server-only';
import { z } from 'zod';
import { listDeferredDeliveries } from '@/db/queries/jira-webhook-deliveries';
import { defineJob } from '@/lib/jobs/define-job';
import { enqueueMany } from '@/lib/jobs/enqueue';
import { log } from '@/lib/observability/request-context';
import { applyDelivery } from './apply-delivery';

export const deliveryJobSchema = z.object({ organizationId: z.uuid(), connectionId: z.uuid(), deliveryId: z.uuid() });
export type DeliveryJob = z.infer<typeof deliveryJobSchema>;

/**
 * One received webhook delivery, applied to the tickets. A job per delivery (enqueued in the transaction
 * that stored it) rather than work in the request: the endpoint answers Atlassian at once, and a failure
 * here is retried and visible in Settings › Background jobs instead of making Atlassian retry.
 */
export const webhookDeliveryJob = defineJob({
  name: 'jira-webhook-delivery',
  title: 'Apply a Jira webhook delivery',
  schema: deliveryJobSchema,
  policy: 'standard',
  // Each is one short transaction: enough slots that a burst of deliveries drains in seconds.
  concurrency: 8,
  expireInSecs: 60,
  retry: { limit: 5, delaySecs: 5, backoff: true },
  handler: async ({ organizationId, connectionId, deliveryId }) => {
    const outcome = await applyDelivery(organizationId, connectionId, deliveryId);
    log().debug({ connectionId, deliveryId, outcome }, 'jira webhook delivery processed');
  },
});

/** After a resume: the deliveries stored while paused are applied now (each job is idempotent). */
export async function enqueueDeferredDeliveries(organizationId: string, connectionId: string): Promise<number> {
  const ids = await listDeferredDeliveries(organizationId, connectionId);
  await enqueueMany(webhookDeliveryJob, ids.map((deliveryId) => ({ data: { organizationId, connectionId, deliveryId } })));
  return ids.length;
}
