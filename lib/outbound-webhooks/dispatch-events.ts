import 'server-only';
import { z } from 'zod';
import { getDb } from '@/db/client';
import { claimUndispatchedEvents, insertDeliveries, listSubscribedEndpointIds, markEventsDispatched } from '@/db/queries/outbound-deliveries';
import { webhookBody, type ConnectionEvent } from '@/lib/events/event-types';
import { defineJob } from '@/lib/jobs/define-job';
import { enqueueMany } from '@/lib/jobs/enqueue';
import { deliverWebhookJob } from './deliver-webhook';

const BATCH = 500;

/**
 * Turns new events into deliveries: one per subscribed, enabled endpoint of the event's own organization, with
 * its delivery job, and marks the events dispatched, all in one transaction (a crash redoes the whole batch;
 * the unique delivery per endpoint and event keeps it from doubling). Returns the events handled.
 */
export async function dispatchPendingEvents(): Promise<number> {
  let handled = 0;
  for (;;) {
    const count = await getDb().transaction(async (tx) => {
      const events = await claimUndispatchedEvents(tx, BATCH);
      const rows = [];
      for (const event of events) {
        const body = webhookBody(event as ConnectionEvent);
        for (const endpointId of await listSubscribedEndpointIds(tx, event.organizationId, event.type, event.occurredAt)) {
          rows.push({ organizationId: event.organizationId, endpointId, eventId: event.id, eventType: event.type, body });
        }
      }
      const created = await insertDeliveries(tx, rows);
      await enqueueMany(
        deliverWebhookJob,
        created.map((delivery) => ({ data: { organizationId: delivery.organizationId, deliveryId: delivery.id, attempt: 1 } })),
        { tx },
      );
      await markEventsDispatched(
        tx,
        events.map((event) => event.id),
      );
      return events.length;
    });
    handled += count;
    if (count < BATCH) return handled;
  }
}

export const dispatchEventsJob = defineJob({
  name: 'dispatch-connection-events',
  title: 'Outbound webhooks: dispatch new events',
  schema: z.object({}),
  // At most one waiting: a burst of events wakes the dispatcher once, and that run takes them all.
  policy: 'short',
  singletonKey: () => 'dispatch',
  retry: { limit: 5, delaySecs: 5 },
  expireInSecs: 120,
  handler: async () => {
    await dispatchPendingEvents();
  },
});
