import 'server-only';
import { and, count, eq, gte, inArray, isNull, lt, min, or, sql } from 'drizzle-orm';
import { getDb } from '../client';
import { jiraConnections, jiraWebhookDeliveries, jiraWebhookRegistrations, jiraWebhookStates } from '../schema';

/*
 * Webhook registrations and their per-connection state. Registration rows are written by the
 * registration lifecycle (lib/integrations/jira/webhooks); deliveries by the intake.
 */

export type WebhookStateRow = typeof jiraWebhookStates.$inferSelect;
export type WebhookRegistrationRow = typeof jiraWebhookRegistrations.$inferSelect;

export async function getWebhookState(orgId: string, connectionId: string): Promise<WebhookStateRow | undefined> {
  const [row] = await getDb()
    .select()
    .from(jiraWebhookStates)
    .where(and(eq(jiraWebhookStates.organizationId, orgId), eq(jiraWebhookStates.connectionId, connectionId)));
  return row;
}

/** Writes the registration side of the state; `lastDeliveryAt` belongs to the intake and is left alone. */
export async function setWebhookState(
  orgId: string,
  connectionId: string,
  values: { status: string; statusReason: string | null; lastAttemptAt?: Date },
): Promise<void> {
  const now = new Date();
  await getDb()
    .insert(jiraWebhookStates)
    .values({ connectionId, organizationId: orgId, ...values, updatedAt: now })
    .onConflictDoUpdate({ target: jiraWebhookStates.connectionId, set: { ...values, updatedAt: now }, setWhere: eq(jiraWebhookStates.organizationId, orgId) });
}

/** The earliest expiry of the connection's registrations (null when none). */
export async function getEarliestWebhookExpiry(orgId: string, connectionId: string): Promise<Date | null> {
  const [row] = await getDb()
    .select({ expiresAt: min(jiraWebhookRegistrations.expiresAt) })
    .from(jiraWebhookRegistrations)
    .where(and(eq(jiraWebhookRegistrations.organizationId, orgId), eq(jiraWebhookRegistrations.connectionId, connectionId)));
  return row?.expiresAt ?? null;
}

export async function countWebhookDeliveriesSince(orgId: string, connectionId: string, since: Date): Promise<number> {
  const [row] = await getDb()
    .select({ n: count() })
    .from(jiraWebhookDeliveries)
    .where(
      and(
        eq(jiraWebhookDeliveries.organizationId, orgId),
        eq(jiraWebhookDeliveries.connectionId, connectionId),
        gte(jiraWebhookDeliveries.receivedAt, since),
      ),
    );
  return row?.n ?? 0;
}

export async function listWebhookRegistrations(orgId: string, connectionId: string): Promise<WebhookRegistrationRow[]> {
  return getDb()
    .select()
    .from(jiraWebhookRegistrations)
    .where(and(eq(jiraWebhookRegistrations.organizationId, orgId), eq(jiraWebhookRegistrations.connectionId, connectionId)))
    .orderBy(jiraWebhookRegistrations.registeredAt);
}

export async function insertWebhookRegistrations(
  orgId: string,
  connectionId: string,
  rows: readonly { cloudId: string; jiraWebhookId: number; events: string[]; jqlFilter: string; expiresAt: Date; registeredAt: Date }[],
): Promise<void> {
  if (rows.length === 0) return;
  await getDb()
    .insert(jiraWebhookRegistrations)
    .values(rows.map((row) => ({ ...row, organizationId: orgId, connectionId })))
    // The same id on the same site can only be ours again after a lost answer: keep the newer row.
    .onConflictDoUpdate({
      target: [jiraWebhookRegistrations.cloudId, jiraWebhookRegistrations.jiraWebhookId],
      set: { organizationId: orgId, connectionId, jqlFilter: sql`excluded.jql_filter`, events: sql`excluded.events`, expiresAt: sql`excluded.expires_at`, registeredAt: sql`excluded.registered_at` },
    });
}

export async function deleteWebhookRegistrations(orgId: string, connectionId: string, ids: readonly string[]): Promise<void> {
  if (ids.length === 0) return;
  await getDb()
    .delete(jiraWebhookRegistrations)
    .where(and(eq(jiraWebhookRegistrations.organizationId, orgId), eq(jiraWebhookRegistrations.connectionId, connectionId), inArray(jiraWebhookRegistrations.id, [...ids])));
}

export async function markWebhooksRefreshed(orgId: string, connectionId: string, ids: readonly string[], expiresAt: Date, refreshedAt: Date): Promise<void> {
  if (ids.length === 0) return;
  await getDb()
    .update(jiraWebhookRegistrations)
    .set({ expiresAt, lastRefreshedAt: refreshedAt })
    .where(and(eq(jiraWebhookRegistrations.organizationId, orgId), eq(jiraWebhookRegistrations.connectionId, connectionId), inArray(jiraWebhookRegistrations.id, [...ids])));
}

/**
 * Connected connections whose webhooks need work: a registration expiring before `refreshBefore`,
 * or none at all and no attempt since `retryAfter` (new connections, failed or refused registrations).
 */
export async function listConnectionsDueForWebhooks(refreshBefore: Date, retryAfter: Date): Promise<{ organizationId: string; connectionId: string }[]> {
  const hasRegistration = sql`exists (select 1 from ${jiraWebhookRegistrations} r where r.connection_id = ${jiraConnections.id})`;
  const expiring = sql`exists (select 1 from ${jiraWebhookRegistrations} r where r.connection_id = ${jiraConnections.id} and r.expires_at < ${refreshBefore.toISOString()})`;
  return getDb()
    .select({ organizationId: jiraConnections.organizationId, connectionId: jiraConnections.id })
    .from(jiraConnections)
    .leftJoin(jiraWebhookStates, eq(jiraWebhookStates.connectionId, jiraConnections.id))
    .where(
      and(
        eq(jiraConnections.status, 'connected'),
        or(expiring, and(sql`not ${hasRegistration}`, or(isNull(jiraWebhookStates.lastAttemptAt), lt(jiraWebhookStates.lastAttemptAt, retryAfter)))),
      ),
    )
    .orderBy(jiraConnections.id)
    .limit(500);
}
