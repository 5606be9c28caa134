import 'server-only';
import { and, eq, inArray, isNull, lt, sql } from 'drizzle-orm';
import type { StoredPayload } from '@/lib/integrations/jira/webhooks/delivery-schema';
import { getDb } from '../client';
import type { Transaction } from '../connect';
import { jiraConnections, jiraGrants, jiraWebhookDeliveries, jiraWebhookRegistrations, jiraWebhookStates } from '../schema';

/*
 * Received webhook deliveries (lib/integrations/jira/webhooks). Routing is the one read that cannot take an
 * organization first: a delivery names webhook ids, and the registrations say whose they are.
 */

export interface DeliveryRoute {
  organizationId: string;
  connectionId: string;
  siteUrl: string | null;
  /** The OAuth app the connection's grant (and so its registrations) belongs to. */
  clientId: string;
}

/** Connections holding a registration with one of these webhook ids (ids are unique per site, not globally). */
export async function listDeliveryRoutes(webhookIds: readonly number[]): Promise<DeliveryRoute[]> {
  if (webhookIds.length === 0) return [];
  return getDb()
    .selectDistinct({
      organizationId: jiraConnections.organizationId,
      connectionId: jiraConnections.id,
      siteUrl: jiraConnections.siteUrl,
      clientId: jiraGrants.clientId,
    })
    .from(jiraWebhookRegistrations)
    .innerJoin(
      jiraConnections,
      and(eq(jiraConnections.id, jiraWebhookRegistrations.connectionId), eq(jiraConnections.organizationId, jiraWebhookRegistrations.organizationId)),
    )
    .innerJoin(jiraGrants, eq(jiraGrants.id, jiraConnections.grantId))
    .where(and(inArray(jiraWebhookRegistrations.jiraWebhookId, [...webhookIds]), eq(jiraConnections.cloudId, jiraWebhookRegistrations.cloudId)));
}

/** Stores a delivery unless this connection already has it (same identifier: a retry). Returns its id, or null. */
export async function insertDelivery(
  tx: Transaction,
  orgId: string,
  connectionId: string,
  values: { identifier: string; webhookEvent: string; issueId: string; payload: StoredPayload },
): Promise<string | null> {
  const [row] = await tx
    .insert(jiraWebhookDeliveries)
    .values({ organizationId: orgId, connectionId, deliveryIdentifier: values.identifier, webhookEvent: values.webhookEvent, issueId: values.issueId, payload: values.payload })
    .onConflictDoNothing({ target: [jiraWebhookDeliveries.connectionId, jiraWebhookDeliveries.deliveryIdentifier] })
    .returning({ id: jiraWebhookDeliveries.id });
  return row?.id ?? null;
}

/**
 * The connection's last delivery time, outside the delivery's transaction and at most once a second: every
 * delivery of a burst locking this one row until its commit serialized them all (ON CONFLICT DO UPDATE locks
 * the row even when its WHERE is false), so an UPDATE that matches nothing within the second takes no lock.
 */
export async function touchLastDelivery(orgId: string, connectionId: string, at: Date): Promise<void> {
  const updated = await getDb()
    .update(jiraWebhookStates)
    .set({ lastDeliveryAt: at })
    .where(
      and(
        eq(jiraWebhookStates.organizationId, orgId),
        eq(jiraWebhookStates.connectionId, connectionId),
        sql`(${jiraWebhookStates.lastDeliveryAt} is null or ${jiraWebhookStates.lastDeliveryAt} < ${at.toISOString()}::timestamptz - interval '1 second')`,
      ),
    )
    .returning({ id: jiraWebhookStates.connectionId });
  if (updated.length > 0) return;
  await getDb().insert(jiraWebhookStates).values({ connectionId, organizationId: orgId, lastDeliveryAt: at }).onConflictDoNothing();
}

/** The delivery, locked until the transaction ends, so two runs of its job apply it once. */
export async function lockDelivery(tx: Transaction, orgId: string, connectionId: string, deliveryId: string) {
  const [row] = await tx
    .select({
      webhookEvent: jiraWebhookDeliveries.webhookEvent,
      processedAt: jiraWebhookDeliveries.processedAt,
      payload: jiraWebhookDeliveries.payload,
    })
    .from(jiraWebhookDeliveries)
    .where(and(eq(jiraWebhookDeliveries.organizationId, orgId), eq(jiraWebhookDeliveries.connectionId, connectionId), eq(jiraWebhookDeliveries.id, deliveryId)))
    .for('update');
  return row;
}

/** Done: the outcome is kept, the payload dropped. `deferred_paused` keeps the payload and stays unprocessed. */
export async function recordDeliveryOutcome(tx: Transaction, orgId: string, deliveryId: string, outcome: string): Promise<void> {
  const deferred = outcome === 'deferred_paused';
  await tx
    .update(jiraWebhookDeliveries)
    .set(deferred ? { outcome } : { outcome, processedAt: new Date(), payload: null })
    .where(and(eq(jiraWebhookDeliveries.organizationId, orgId), eq(jiraWebhookDeliveries.id, deliveryId)));
}

/** Deliveries stored while the connection's sync was paused, oldest first. */
export async function listDeferredDeliveries(orgId: string, connectionId: string, limit = 10_000): Promise<string[]> {
  const rows = await getDb()
    .select({ id: jiraWebhookDeliveries.id })
    .from(jiraWebhookDeliveries)
    .where(
      and(
        eq(jiraWebhookDeliveries.organizationId, orgId),
        eq(jiraWebhookDeliveries.connectionId, connectionId),
        eq(jiraWebhookDeliveries.outcome, 'deferred_paused'),
        isNull(jiraWebhookDeliveries.processedAt),
      ),
    )
    .orderBy(jiraWebhookDeliveries.receivedAt)
    .limit(limit);
  return rows.map((row) => row.id);
}

/** Deliveries received before `before` (the dedupe window is far shorter than Atlassian's retries need). */
export async function deleteOldDeliveries(before: Date): Promise<number> {
  const rows = await getDb()
    .delete(jiraWebhookDeliveries)
    .where(lt(jiraWebhookDeliveries.receivedAt, before))
    .returning({ id: jiraWebhookDeliveries.id });
  return rows.length;
}
