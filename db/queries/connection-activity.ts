import 'server-only';
import { sql } from 'drizzle-orm';
import type postgres from 'postgres';
import { eventsFromAudit, type AuditEntry } from '@/lib/events/events-from-audit';
import type { Transaction } from '../connect';
import { connectionEvents, jiraAuditEvents } from '../schema';

/** Channel the outbound-webhook dispatcher listens on; NOTIFY is delivered only if the transaction commits. */
/** An event as its consumers (the webhook dispatcher, the notifications) read it. */
export const connectionEventColumns = {
  id: connectionEvents.id,
  type: connectionEvents.type,
  occurredAt: connectionEvents.occurredAt,
  organizationId: connectionEvents.organizationId,
  connectionId: connectionEvents.connectionId,
  payload: connectionEvents.payload,
};

export const CONNECTION_EVENTS_CHANNEL = 'portico_connection_events';

/**
 * The one way a connection's change is recorded: its audit rows and the events derived from them
 * (lib/events/events-from-audit.ts), in the caller's transaction, so a change that rolls back leaves
 * neither (docs/decisions/018-connection-events.md).
 */
export async function recordActivity(tx: Transaction, entries: AuditEntry | readonly AuditEntry[]): Promise<void> {
  const list = Array.isArray(entries) ? (entries as readonly AuditEntry[]) : [entries as AuditEntry];
  if (list.length === 0) return;
  await tx.insert(jiraAuditEvents).values(
    list.map((entry) => ({
      organizationId: entry.organizationId,
      connectionId: entry.connectionId,
      actorUserId: entry.actorUserId ?? null,
      action: entry.action,
      detail: entry.detail,
    })),
  );
  const events = list.flatMap((entry) =>
    eventsFromAudit(entry).map((event) => ({ organizationId: entry.organizationId, type: event.type, connectionId: event.connectionId, payload: event.payload })),
  );
  if (events.length === 0) return;
  await tx.insert(connectionEvents).values(events);
  await tx.execute(sql`select pg_notify(${CONNECTION_EVENTS_CHANNEL}, '')`);
}

/**
 * recordActivity() for the few writers that run on postgres.js directly (the sync's backfill commit): the same
 * rows, from the same derivation, in that transaction. JSON goes as text cast in SQL: drizzle's client has
 * postgres.js's own serializers swapped out.
 */
export async function recordActivitySql(client: postgres.TransactionSql, entries: readonly AuditEntry[]): Promise<void> {
  for (const entry of entries) {
    await client`insert into jira_audit_events (organization_id, connection_id, actor_user_id, action, detail)
      values (${entry.organizationId}::uuid, ${entry.connectionId}::uuid, ${entry.actorUserId ?? null}::uuid, ${entry.action}, ${JSON.stringify(entry.detail)}::jsonb)`;
    for (const event of eventsFromAudit(entry)) {
      await client`insert into connection_events (organization_id, type, connection_id, payload)
        values (${entry.organizationId}::uuid, ${event.type}, ${event.connectionId}::uuid, ${JSON.stringify(event.payload)}::jsonb)`;
    }
  }
  await client`select pg_notify(${CONNECTION_EVENTS_CHANNEL}, '')`;
}
