import 'server-only';
import { and, arrayContains, asc, desc, eq, inArray, isNull, lte, sql } from 'drizzle-orm';
import { isUuid } from '@/lib/validation/uuid';
import { getDb } from '../client';
import type { Transaction } from '../connect';
import { connectionEventColumns } from './connection-activity';
import { connectionEvents, webhookDeliveries, webhookDeliveryAttempts, webhookEndpoints } from '../schema';

export interface EventToDispatch {
  id: string;
  type: string;
  occurredAt: Date;
  organizationId: string;
  connectionId: string | null;
  payload: Record<string, unknown>;
}

/**
 * Events no dispatcher has handled yet, oldest first, locked so two dispatchers never take the same one
 * (each marks its batch dispatched in the same transaction).
 */
export async function claimUndispatchedEvents(tx: Transaction, limit: number): Promise<EventToDispatch[]> {
  return tx
    .select(connectionEventColumns)
    .from(connectionEvents)
    .where(isNull(connectionEvents.dispatchedAt))
    .orderBy(asc(connectionEvents.occurredAt))
    .limit(limit)
    .for('update', { skipLocked: true });
}

export async function markEventsDispatched(tx: Transaction, eventIds: string[]): Promise<void> {
  if (eventIds.length === 0) return;
  await tx.update(connectionEvents).set({ dispatchedAt: sql`now()` }).where(inArray(connectionEvents.id, eventIds));
}

/** Enabled endpoints of this organization subscribed to this type: the organization filter is the isolation. */
export async function listSubscribedEndpointIds(tx: Transaction, orgId: string, type: string, occurredAt: Date): Promise<string[]> {
  const rows = await tx
    .select({ id: webhookEndpoints.id })
    .from(webhookEndpoints)
    .where(
      and(
        eq(webhookEndpoints.organizationId, orgId),
        eq(webhookEndpoints.enabled, true),
        arrayContains(webhookEndpoints.eventTypes, [type]),
        // An endpoint hears what happens from its creation on, never an event that waited for the dispatcher.
        lte(webhookEndpoints.createdAt, occurredAt),
      ),
    );
  return rows.map((row) => row.id);
}

/** New deliveries; one per endpoint and event (a dispatch that runs twice adds none). Returns those created. */
export async function insertDeliveries(
  tx: Transaction,
  rows: { organizationId: string; endpointId: string; eventId: string; eventType: string; body: string }[],
): Promise<{ id: string; organizationId: string }[]> {
  if (rows.length === 0) return [];
  return tx
    .insert(webhookDeliveries)
    .values(rows)
    .onConflictDoNothing({ target: [webhookDeliveries.endpointId, webhookDeliveries.eventId] })
    .returning({ id: webhookDeliveries.id, organizationId: webhookDeliveries.organizationId });
}

/** A delivery with what its attempt needs, read under a row lock in the attempt's transaction. */
export async function lockDeliveryForAttempt(tx: Transaction, orgId: string, deliveryId: string) {
  const [row] = await tx
    .select({
      id: webhookDeliveries.id,
      endpointId: webhookDeliveries.endpointId,
      eventId: webhookDeliveries.eventId,
      eventType: webhookDeliveries.eventType,
      body: webhookDeliveries.body,
      status: webhookDeliveries.status,
      attempts: webhookDeliveries.attempts,
      url: webhookEndpoints.url,
      enabled: webhookEndpoints.enabled,
      consecutiveFailures: webhookEndpoints.consecutiveFailures,
      failingSince: webhookEndpoints.failingSince,
      secretCiphertext: webhookEndpoints.secretCiphertext,
      previousSecretCiphertext: webhookEndpoints.previousSecretCiphertext,
      previousSecretExpiresAt: webhookEndpoints.previousSecretExpiresAt,
    })
    .from(webhookDeliveries)
    .innerJoin(webhookEndpoints, eq(webhookEndpoints.id, webhookDeliveries.endpointId))
    .where(and(eq(webhookDeliveries.organizationId, orgId), eq(webhookDeliveries.id, deliveryId)))
    .for('update', { of: webhookDeliveries });
  return row;
}

export async function recordDeliveryAttempt(
  tx: Transaction,
  delivery: { id: string; endpointId: string },
  attempt: { number: number; outcome: string; statusCode: number | null; latencyMs: number; error: string | null },
  next: { status: 'succeeded' | 'retrying' | 'failed'; nextAttemptAt: Date | null },
): Promise<{ consecutiveFailures: number; failingSince: Date | null }> {
  await tx.insert(webhookDeliveryAttempts).values({
    deliveryId: delivery.id,
    attempt: attempt.number,
    outcome: attempt.outcome,
    statusCode: attempt.statusCode,
    latencyMs: attempt.latencyMs,
    error: attempt.error,
  });
  await tx
    .update(webhookDeliveries)
    .set({
      status: next.status,
      attempts: attempt.number,
      lastStatusCode: attempt.statusCode,
      lastLatencyMs: attempt.latencyMs,
      lastError: attempt.error,
      lastAttemptAt: sql`now()`,
      nextAttemptAt: next.nextAttemptAt,
    })
    .where(eq(webhookDeliveries.id, delivery.id));
  const success = attempt.outcome === 'success';
  const [streak] = await tx
    .update(webhookEndpoints)
    .set(
      success
        ? { consecutiveFailures: 0, failingSince: null }
        : { consecutiveFailures: sql`${webhookEndpoints.consecutiveFailures} + 1`, failingSince: sql`coalesce(${webhookEndpoints.failingSince}, now())` },
    )
    .where(eq(webhookEndpoints.id, delivery.endpointId))
    .returning({ consecutiveFailures: webhookEndpoints.consecutiveFailures, failingSince: webhookEndpoints.failingSince });
  return streak!;
}

/** Switched off by Portico after sustained failure; returns false when it already was off. */
export async function disableFailingEndpoint(tx: Transaction, orgId: string, endpointId: string, reason: string): Promise<{ url: string } | undefined> {
  const [row] = await tx
    .update(webhookEndpoints)
    .set({ enabled: false, disabledReason: reason, disabledAt: sql`now()`, updatedAt: sql`now()` })
    .where(and(eq(webhookEndpoints.organizationId, orgId), eq(webhookEndpoints.id, endpointId), eq(webhookEndpoints.enabled, true)))
    .returning({ url: webhookEndpoints.url });
  return row;
}

/**
 * The probe of an endpoint whose circuit is half open: the endpoint's row, locked until the attempt commits, or
 * false at once when another attempt holds it (that one is the probe). One probe at a time across all workers.
 */
export async function lockEndpointForProbe(tx: Transaction, endpointId: string): Promise<boolean> {
  const rows = await tx.select({ id: webhookEndpoints.id }).from(webhookEndpoints).where(eq(webhookEndpoints.id, endpointId)).for('update', { skipLocked: true });
  return rows.length > 0;
}

/** Held back by the endpoint's circuit: no attempt was made (none is counted); the log shows when it goes next. */
export async function deferDelivery(tx: Transaction, deliveryId: string, nextAttemptAt: Date): Promise<void> {
  await tx.update(webhookDeliveries).set({ nextAttemptAt, lastError: 'circuit_open' }).where(eq(webhookDeliveries.id, deliveryId));
}

export async function markDeliveryFailed(tx: Transaction, deliveryId: string, error: string): Promise<void> {
  await tx.update(webhookDeliveries).set({ status: 'failed', lastError: error, nextAttemptAt: null }).where(eq(webhookDeliveries.id, deliveryId));
}

/** Redeliver: the same delivery (same `webhook-id`, so a consumer that got it already can dedupe) goes again. */
export async function requeueDelivery(tx: Transaction, orgId: string, endpointId: string, deliveryId: string): Promise<{ attempts: number } | undefined> {
  if (!isUuid(deliveryId) || !isUuid(endpointId)) return undefined;
  const [row] = await tx
    .update(webhookDeliveries)
    .set({ status: 'pending', nextAttemptAt: sql`now()` })
    .where(and(eq(webhookDeliveries.organizationId, orgId), eq(webhookDeliveries.endpointId, endpointId), eq(webhookDeliveries.id, deliveryId)))
    .returning({ attempts: webhookDeliveries.attempts });
  return row;
}

/** The delivery log of one endpoint, newest first. */
export async function listEndpointDeliveries(orgId: string, endpointId: string, limit = 50) {
  if (!isUuid(endpointId)) return [];
  return getDb()
    .select({
      id: webhookDeliveries.id,
      eventId: webhookDeliveries.eventId,
      eventType: webhookDeliveries.eventType,
      status: webhookDeliveries.status,
      attempts: webhookDeliveries.attempts,
      lastStatusCode: webhookDeliveries.lastStatusCode,
      lastLatencyMs: webhookDeliveries.lastLatencyMs,
      lastError: webhookDeliveries.lastError,
      lastAttemptAt: webhookDeliveries.lastAttemptAt,
      nextAttemptAt: webhookDeliveries.nextAttemptAt,
      createdAt: webhookDeliveries.createdAt,
    })
    .from(webhookDeliveries)
    .where(and(eq(webhookDeliveries.organizationId, orgId), eq(webhookDeliveries.endpointId, endpointId)))
    .orderBy(desc(webhookDeliveries.createdAt))
    .limit(Math.min(Math.max(1, limit), 200));
}

export type EndpointDelivery = Awaited<ReturnType<typeof listEndpointDeliveries>>[number];
