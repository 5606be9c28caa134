import type { EndpointDelivery } from '@/db/queries/outbound-deliveries';
import type { WebhookEndpointSummary } from '@/db/queries/webhook-endpoints';
import type { z } from 'zod';
import type { webhookDeliverySchema, webhookEndpointSchema } from './api-schemas';

const iso = (date: Date | null) => (date ? date.toISOString() : null);

export function serializeEndpoint(endpoint: WebhookEndpointSummary): z.output<typeof webhookEndpointSchema> {
  return {
    id: endpoint.id,
    url: endpoint.url,
    description: endpoint.description,
    event_types: endpoint.eventTypes as z.output<typeof webhookEndpointSchema>['event_types'],
    enabled: endpoint.enabled,
    disabled_reason: endpoint.disabledReason as z.output<typeof webhookEndpointSchema>['disabled_reason'],
    disabled_at: iso(endpoint.disabledAt),
    failing_since: iso(endpoint.failingSince),
    previous_secret_expires_at: iso(endpoint.previousSecretExpiresAt),
    created_at: endpoint.createdAt.toISOString(),
  };
}

export function serializeDelivery(delivery: EndpointDelivery): z.output<typeof webhookDeliverySchema> {
  return {
    id: delivery.id,
    event_id: delivery.eventId,
    event_type: delivery.eventType as z.output<typeof webhookDeliverySchema>['event_type'],
    status: delivery.status as z.output<typeof webhookDeliverySchema>['status'],
    attempts: delivery.attempts,
    last_status_code: delivery.lastStatusCode,
    last_latency_ms: delivery.lastLatencyMs,
    last_error: delivery.lastError,
    last_attempt_at: iso(delivery.lastAttemptAt),
    next_attempt_at: iso(delivery.nextAttemptAt),
    created_at: delivery.createdAt.toISOString(),
  };
}
