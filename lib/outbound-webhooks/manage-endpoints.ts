import 'server-only';
import { randomUUID } from 'node:crypto';
import { getDb } from '@/db/client';
import { requeueDelivery, insertDeliveries } from '@/db/queries/outbound-deliveries';
import {
  deleteWebhookEndpoint,
  getWebhookEndpoint,
  insertWebhookEndpoint,
  rotateEndpointSecret,
  updateWebhookEndpoint,
  type WebhookEndpointSummary,
} from '@/db/queries/webhook-endpoints';
import { TEST_EVENT_TYPE, webhookBody } from '@/lib/events/event-types';
import { enqueue } from '@/lib/jobs/enqueue';
import { privateDestinationsAllowed } from './allow-private';
import { deliverWebhookJob } from './deliver-webhook';
import { destinationProblem, type DestinationProblem } from './destination';
import type { CreateEndpointInput, UpdateEndpointInput } from './endpoint-schemas';
import { openSigningSecret, sealSigningSecret } from './secrets';
import { generateSigningSecret } from './sign';

export type Actor = { userId: string | null; apiKeyId: string | null };
type Refused = { ok: false; problem: DestinationProblem };

function checkUrl(url: string): DestinationProblem | null {
  return destinationProblem(url, { allowPrivate: privateDestinationsAllowed() });
}

/** Creates an endpoint; the signing secret is returned this once and never shown again. */
export async function createEndpoint(orgId: string, input: CreateEndpointInput, actor: Actor): Promise<{ ok: true; endpoint: WebhookEndpointSummary; secret: string } | Refused> {
  const problem = checkUrl(input.url);
  if (problem) return { ok: false, problem };
  const id = randomUUID();
  const secret = generateSigningSecret();
  const endpoint = await insertWebhookEndpoint(orgId, {
    id,
    url: input.url,
    description: input.description,
    eventTypes: input.event_types,
    secretCiphertext: sealSigningSecret(id, secret),
    createdByUserId: actor.userId,
    createdByApiKeyId: actor.apiKeyId,
  });
  return { ok: true, endpoint, secret };
}

export async function updateEndpoint(orgId: string, endpointId: string, input: UpdateEndpointInput): Promise<{ ok: true; endpoint: WebhookEndpointSummary | undefined } | Refused> {
  if (input.url !== undefined) {
    const problem = checkUrl(input.url);
    if (problem) return { ok: false, problem };
  }
  const endpoint = await updateWebhookEndpoint(orgId, endpointId, {
    ...(input.url === undefined ? {} : { url: input.url }),
    ...(input.description === undefined ? {} : { description: input.description }),
    ...(input.event_types === undefined ? {} : { eventTypes: input.event_types }),
    ...(input.enabled === undefined ? {} : { enabled: input.enabled }),
  });
  return { ok: true, endpoint };
}

export const deleteEndpoint = deleteWebhookEndpoint;

/** A new secret, returned once; the previous one keeps signing beside it for `overlapHours`. */
export async function rotateSecret(orgId: string, endpointId: string, overlapHours: number): Promise<{ endpoint: WebhookEndpointSummary; secret: string } | undefined> {
  const secret = generateSigningSecret();
  const endpoint = await rotateEndpointSecret(
    orgId,
    endpointId,
    (current) => ({
      secretCiphertext: sealSigningSecret(endpointId, secret),
      previousSecretCiphertext: sealSigningSecret(endpointId, openSigningSecret(endpointId, current), 'previous'),
    }),
    new Date(Date.now() + overlapHours * 3_600_000),
  );
  return endpoint ? { endpoint, secret } : undefined;
}

/** "Send test event": a `webhook.test` delivery to this endpoint alone, through the same signing and retries. */
export async function sendTestEvent(orgId: string, endpointId: string): Promise<{ deliveryId: string; eventId: string } | undefined> {
  const endpoint = await getWebhookEndpoint(orgId, endpointId);
  if (!endpoint) return undefined;
  const eventId = randomUUID();
  const body = webhookBody({ id: eventId, type: TEST_EVENT_TYPE, occurredAt: new Date(), organizationId: orgId, connectionId: null, payload: { message: 'A test event from Portico.' } });
  return getDb().transaction(async (tx) => {
    const [delivery] = await insertDeliveries(tx, [{ organizationId: orgId, endpointId, eventId, eventType: TEST_EVENT_TYPE, body }]);
    await enqueue(deliverWebhookJob, { organizationId: orgId, deliveryId: delivery!.id, attempt: 1, manual: true }, { tx });
    return { deliveryId: delivery!.id, eventId };
  });
}

/** Sends a delivery again now, whatever its state, with the same `webhook-id`. */
export async function redeliver(orgId: string, endpointId: string, deliveryId: string): Promise<boolean> {
  return getDb().transaction(async (tx) => {
    const requeued = await requeueDelivery(tx, orgId, endpointId, deliveryId);
    if (!requeued) return false;
    await enqueue(deliverWebhookJob, { organizationId: orgId, deliveryId, attempt: requeued.attempts + 1, manual: true }, { tx });
    return true;
  });
}
