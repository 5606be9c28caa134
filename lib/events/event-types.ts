import { z } from 'zod';

/*
 * The connection events Portico publishes (issue 16). Pure: the audit recorder (db/queries/connection-activity.ts),
 * the outbound webhooks, the REST schemas and the settings page all read this one list. A later consumer
 * (notifications to people) reads the same rows.
 */
export const CONNECTION_EVENT_TYPES = [
  'connection.created',
  'connection.authorized',
  'connection.needs_reconnect',
  'connection.health_changed',
  'connection.disconnected',
  'connection.deleted',
  'mapping.saved',
  'mapping.rolled_back',
  'mapping.drift_detected',
  'sync.backfill_completed',
  'sync.failed',
  'sync.recovered',
  // Portico's own: an endpoint that kept failing was switched off (admins are to be told).
  'webhook_endpoint.disabled',
] as const;

export type ConnectionEventType = (typeof CONNECTION_EVENT_TYPES)[number];
export const connectionEventTypeSchema = z.enum(CONNECTION_EVENT_TYPES);

/** Sent only by "Send test event"; never stored as a change, never subscribed to. */
export const TEST_EVENT_TYPE = 'webhook.test';

/** One event as it is stored and as it is delivered: the payload names ids and facts, never a secret. */
export interface ConnectionEvent {
  id: string;
  type: ConnectionEventType | typeof TEST_EVENT_TYPE;
  occurredAt: Date;
  organizationId: string;
  connectionId: string | null;
  payload: Record<string, unknown>;
}

/** The body a webhook consumer receives (Standard Webhooks: `type`, `timestamp`, `data`). */
export function webhookBody(event: ConnectionEvent): string {
  return JSON.stringify({
    id: event.id,
    type: event.type,
    timestamp: event.occurredAt.toISOString(),
    data: { organization_id: event.organizationId, connection_id: event.connectionId, ...event.payload },
  });
}
