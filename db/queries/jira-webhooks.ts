import 'server-only';
import { and, count, eq, gte, min } from 'drizzle-orm';
import { getDb } from '../client';
import { jiraWebhookDeliveries, jiraWebhookRegistrations, jiraWebhookStates } from '../schema';

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
