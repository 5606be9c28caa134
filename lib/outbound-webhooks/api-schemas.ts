import { z } from 'zod';
import { CONNECTION_EVENT_TYPES, TEST_EVENT_TYPE } from '@/lib/events/event-types';

/** Response shapes of /api/v1/webhook-endpoints (and their OpenAPI components). Pure. */
export const webhookEndpointSchema = z
  .strictObject({
    id: z.uuid(),
    url: z.string(),
    description: z.string(),
    event_types: z.array(z.enum(CONNECTION_EVENT_TYPES)),
    enabled: z.boolean(),
    disabled_reason: z.enum(['admin', 'failing_for_a_day', 'gone']).nullable().describe('Why it is disabled: by an admin, or by Portico after sustained failure (`failing_for_a_day`) or a 410 (`gone`).'),
    disabled_at: z.iso.datetime({ offset: true }).nullable(),
    failing_since: z.iso.datetime({ offset: true }).nullable(),
    previous_secret_expires_at: z.iso.datetime({ offset: true }).nullable().describe('While in the future, the previous signing secret signs beside the new one.'),
    created_at: z.iso.datetime({ offset: true }),
  })
  .meta({ id: 'WebhookEndpoint' });

export const webhookEndpointWithSecretSchema = z
  .strictObject({
    endpoint: webhookEndpointSchema,
    secret: z.string().describe('The signing secret (`whsec_…`), shown this once. Verify deliveries with any Standard Webhooks library.'),
  })
  .meta({ id: 'WebhookEndpointWithSecret' });

export const webhookEndpointListSchema = z.strictObject({ data: z.array(webhookEndpointSchema) }).meta({ id: 'WebhookEndpointList' });

export const webhookDeliverySchema = z
  .strictObject({
    id: z.uuid(),
    event_id: z.uuid().describe('The `webhook-id` header: the same on every attempt and redelivery; dedupe on it.'),
    event_type: z.enum([...CONNECTION_EVENT_TYPES, TEST_EVENT_TYPE]),
    status: z.enum(['pending', 'retrying', 'succeeded', 'failed']),
    attempts: z.int(),
    last_status_code: z.int().nullable(),
    last_latency_ms: z.int().nullable(),
    last_error: z.string().nullable().describe('A kind such as `timeout`, `connection_refused`, `http_500`, `private_address`, or `circuit_open` (held back while the endpoint keeps failing; see `next_attempt_at`); never the response body.'),
    last_attempt_at: z.iso.datetime({ offset: true }).nullable(),
    next_attempt_at: z.iso.datetime({ offset: true }).nullable(),
    created_at: z.iso.datetime({ offset: true }),
  })
  .meta({ id: 'WebhookDelivery' });

export const webhookDeliveryListSchema = z.strictObject({ data: z.array(webhookDeliverySchema) }).meta({ id: 'WebhookDeliveryList' });

export const queuedDeliverySchema = z.strictObject({ delivery_id: z.uuid(), event_id: z.uuid() }).meta({ id: 'QueuedWebhookDelivery' });

export const redeliveryQueuedSchema = z.strictObject({ delivery_id: z.uuid() }).meta({ id: 'RedeliveryQueued' });
