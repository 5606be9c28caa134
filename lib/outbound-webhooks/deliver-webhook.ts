import 'server-only';
import { randomInt } from 'node:crypto';
import { z } from 'zod';
import { getDb } from '@/db/client';
import { recordActivity } from '@/db/queries/connection-activity';
import {
  deferDelivery,
  disableFailingEndpoint,
  lockDeliveryForAttempt,
  lockEndpointForProbe,
  markDeliveryFailed,
  recordDeliveryAttempt,
} from '@/db/queries/outbound-deliveries';
import { defineJob } from '@/lib/jobs/define-job';
import { enqueue } from '@/lib/jobs/enqueue';
import { log } from '@/lib/observability/request-context';
import { privateDestinationsAllowed } from './allow-private';
import { decideCircuit, deferredUntil } from './circuit-breaker';
import { decideDisable, decideRetry } from './retry-policy';
import { signingSecrets } from './secrets';
import { sendWebhook, type SendOptions } from './send-webhook';
import { signedHeaders } from './sign';

export const deliverWebhookPayloadSchema = z.object({
  organizationId: z.uuid(),
  deliveryId: z.uuid(),
  /** The attempt this job is for: a job that finds it made already (a duplicate, a redelivery raced) does nothing. */
  attempt: z.int().min(1),
  /** An admin's "Send test event" or redeliver: their probe, sent without waiting for an open circuit's window. */
  manual: z.boolean().optional(),
});
export type DeliverWebhookPayload = z.infer<typeof deliverWebhookPayloadSchema>;

/** `deferred`: the endpoint's circuit is open (circuit-breaker.ts); no request went out and no attempt is counted. */
export type AttemptResult = 'sent' | 'retry_scheduled' | 'failed' | 'skipped' | 'deferred';

/**
 * One attempt of one delivery. The delivery row stays locked while it is sent, so a duplicate job waits and
 * then finds the attempt made. The attempt, the delivery's state, the endpoint's failing streak, the next
 * attempt's job and, after sustained failure, the endpoint's switch-off and its event commit together.
 */
export async function attemptDelivery(payload: DeliverWebhookPayload, options: Partial<SendOptions> = {}): Promise<AttemptResult> {
  const { organizationId: orgId, deliveryId, attempt } = payload;
  return getDb().transaction(async (tx): Promise<AttemptResult> => {
    const delivery = await lockDeliveryForAttempt(tx, orgId, deliveryId);
    if (!delivery || delivery.attempts >= attempt || delivery.status === 'succeeded') return 'skipped';
    if (!delivery.enabled) {
      await markDeliveryFailed(tx, deliveryId, 'endpoint_disabled');
      return 'failed';
    }
    const now = new Date();
    let circuit = decideCircuit(delivery, now);
    if (payload.manual && circuit.state === 'open') circuit = { send: true, state: 'half_open' };
    // Half open: this attempt is the probe only if no other holds the endpoint; the others wait with the rest.
    if (!circuit.send || (circuit.state === 'half_open' && !(await lockEndpointForProbe(tx, delivery.endpointId)))) {
      const retryAt = deferredUntil(circuit.send ? { state: 'half_open' } : circuit, now, randomInt(1000) / 1000);
      await deferDelivery(tx, deliveryId, retryAt);
      await enqueue(deliverWebhookJob, payload, { tx, startAfter: retryAt });
      return 'deferred';
    }
    const headers = signedHeaders(signingSecrets(delivery.endpointId, delivery, now), delivery.eventId, now, delivery.body);
    const sent = await sendWebhook(delivery.url, delivery.body, headers, { allowPrivate: privateDestinationsAllowed(), ...options });
    const decision = decideRetry(attempt, sent.outcome, sent.statusCode, randomInt(1000) / 1000);
    const nextAttemptAt = decision.retry ? new Date(Date.now() + decision.delaySecs * 1000) : null;
    const status = sent.outcome === 'success' ? 'succeeded' : decision.retry ? 'retrying' : 'failed';
    const streak = await recordDeliveryAttempt(tx, delivery, { number: attempt, ...sent }, { status, nextAttemptAt });
    if (decision.retry) {
      await enqueue(deliverWebhookJob, { organizationId: orgId, deliveryId, attempt: attempt + 1 }, { tx, startAfter: nextAttemptAt! });
    }
    const disable = decideDisable(streak, new Date(), sent.statusCode);
    if (disable.disable) {
      const disabled = await disableFailingEndpoint(tx, orgId, delivery.endpointId, disable.reason);
      if (disabled) {
        // Recorded as an event so the notifications built on events can tell the organization's admins.
        await recordActivity(tx, {
          organizationId: orgId,
          connectionId: null,
          action: 'webhook_endpoint_disabled',
          detail: { endpointId: delivery.endpointId, reason: disable.reason, url: disabled.url },
        });
        log().warn({ endpointId: delivery.endpointId, reason: disable.reason }, 'outbound webhook endpoint disabled');
      }
    }
    return sent.outcome === 'success' ? 'sent' : decision.retry ? 'retry_scheduled' : 'failed';
  });
}

export const deliverWebhookJob = defineJob({
  name: 'deliver-outbound-webhook',
  title: 'Outbound webhook delivery',
  schema: deliverWebhookPayloadSchema,
  // Retries are the delivery's own schedule (retry-policy.ts), each a job of its own; pg-boss's retry only
  // covers a worker that died mid-attempt.
  retry: { limit: 2, delaySecs: 30 },
  expireInSecs: 60,
  // Each attempt holds a pooled connection while it waits for the consumer (at most 10 s). A failing endpoint
  // holds at most one of these slots once its circuit opens (circuit-breaker.ts).
  concurrency: 4,
  handler: async (data) => {
    await attemptDelivery(data);
  },
});
