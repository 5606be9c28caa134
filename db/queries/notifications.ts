import 'server-only';
import { and, count, desc, eq, inArray, isNull, sql } from 'drizzle-orm';
import { getDb } from '../client';
import type { Transaction } from '../connect';
import { connectionEventColumns } from './connection-activity';
import {
  connectionEvents,
  emailOutbox,
  jiraConnections,
  jiraDiagnosticRuns,
  memberships,
  notificationPreferences,
  notificationProcessedEvents,
  notifications,
  users,
  webhookEndpoints,
} from '../schema';

/** Events older than this are never turned into notifications (a first deploy does not mail old history). */
const HORIZON = sql`now() - interval '7 days'`;

/**
 * The next events no consumer has handled, under a transaction-wide lock: two workers take turns, and the
 * second sees the first's marks (notification_processed_events), so each event is handled exactly once.
 */
export async function claimUnprocessedEvents(tx: Transaction, limit: number) {
  await tx.execute(sql`select pg_advisory_xact_lock(hashtext('notifications-consumer'))`);
  return tx
    .select(connectionEventColumns)
    .from(connectionEvents)
    .where(
      and(
        sql`${connectionEvents.occurredAt} > ${HORIZON}`,
        sql`not exists (select 1 from ${notificationProcessedEvents} p where p.event_id = ${connectionEvents.id})`,
      ),
    )
    .orderBy(connectionEvents.occurredAt, connectionEvents.id)
    .limit(limit);
}

export async function markEventsProcessed(tx: Transaction, eventIds: readonly string[]) {
  if (eventIds.length === 0) return;
  await tx
    .insert(notificationProcessedEvents)
    .values(eventIds.map((eventId) => ({ eventId })))
    .onConflictDoNothing();
}

export async function listAdminIds(tx: Transaction, orgId: string): Promise<string[]> {
  const rows = await tx
    .select({ userId: memberships.userId })
    .from(memberships)
    .where(and(eq(memberships.organizationId, orgId), eq(memberships.role, 'admin')));
  return rows.map((row) => row.userId);
}

export async function getConnectionOwner(tx: Transaction, orgId: string, connectionId: string) {
  const [row] = await tx
    .select({ ownerId: jiraConnections.connectedByUserId, siteName: jiraConnections.siteName })
    .from(jiraConnections)
    .where(and(eq(jiraConnections.organizationId, orgId), eq(jiraConnections.id, connectionId)));
  return row;
}

export async function getEndpointOwner(tx: Transaction, orgId: string, endpointId: string) {
  const [row] = await tx
    .select({ ownerId: webhookEndpoints.createdByUserId })
    .from(webhookEndpoints)
    .where(and(eq(webhookEndpoints.organizationId, orgId), eq(webhookEndpoints.id, endpointId)));
  return row;
}

/** The latest diagnostics run's checks that did not pass, with their remedies (for health_changed messages). */
export async function getFailingChecks(tx: Transaction, orgId: string, connectionId: string) {
  const [run] = await tx
    .select({ results: jiraDiagnosticRuns.results })
    .from(jiraDiagnosticRuns)
    .where(and(eq(jiraDiagnosticRuns.organizationId, orgId), eq(jiraDiagnosticRuns.connectionId, connectionId)))
    .orderBy(desc(jiraDiagnosticRuns.startedAt))
    .limit(1);
  const results = (run?.results ?? []) as { id?: unknown; outcome?: unknown; summary?: unknown; remedy?: unknown }[];
  return results.flatMap((check) =>
    typeof check.id === 'string' && (check.outcome === 'failure' || check.outcome === 'warning')
      ? [{ id: check.id, outcome: check.outcome, summary: typeof check.summary === 'string' ? check.summary : '', remedy: typeof check.remedy === 'string' ? check.remedy : null }]
      : [],
  );
}

export async function listPreferenceRows(tx: Transaction | ReturnType<typeof getDb>, orgId: string, userId: string) {
  return tx
    .select({ eventType: notificationPreferences.eventType, inApp: notificationPreferences.inApp, email: notificationPreferences.email })
    .from(notificationPreferences)
    .where(and(eq(notificationPreferences.organizationId, orgId), eq(notificationPreferences.userId, userId)));
}

export async function getUserEmail(tx: Transaction, userId: string) {
  const [row] = await tx.select({ email: users.email }).from(users).where(eq(users.id, userId));
  return row?.email;
}

/** The person's latest thread for a topic on a connection (or on none). */
export async function getLatestThread(tx: Transaction, orgId: string, userId: string, topic: string, connectionId: string | null) {
  const [row] = await tx
    .select({
      id: notifications.id,
      state: notifications.state,
      lastEventAt: notifications.lastEventAt,
      eventType: notifications.eventType,
      title: notifications.title,
      link: notifications.link,
    })
    .from(notifications)
    .where(
      and(
        eq(notifications.organizationId, orgId),
        eq(notifications.userId, userId),
        eq(notifications.topic, topic),
        connectionId ? eq(notifications.connectionId, connectionId) : isNull(notifications.connectionId),
      ),
    )
    .orderBy(desc(notifications.lastEventAt))
    .limit(1);
  return row;
}

export type NewNotification = typeof notifications.$inferInsert;

export async function insertNotification(tx: Transaction, row: NewNotification): Promise<string> {
  const [created] = await tx.insert(notifications).values(row).returning({ id: notifications.id });
  return created!.id;
}

export async function updateThread(tx: Transaction, id: string, step: 'reopen' | 'touch' | 'resolve', at: Date) {
  const set =
    step === 'reopen'
      ? { state: 'open', breaks: sql`${notifications.breaks} + 1`, resolvedAt: null, readAt: null, lastEventAt: at }
      : step === 'resolve'
        ? { state: 'resolved', resolvedAt: at, lastEventAt: at }
        : { lastEventAt: at };
  await tx.update(notifications).set(set).where(eq(notifications.id, id));
}

/** A thread's emails, oldest first (the break email, then its answer if any). */
export async function listThreadEmails(tx: Transaction, orgId: string, notificationId: string) {
  return tx
    .select({ status: emailOutbox.status })
    .from(emailOutbox)
    .where(and(eq(emailOutbox.organizationId, orgId), eq(emailOutbox.notificationId, notificationId)))
    .orderBy(emailOutbox.createdAt, emailOutbox.id);
}

export async function insertEmail(tx: Transaction, row: typeof emailOutbox.$inferInsert): Promise<string> {
  const [created] = await tx.insert(emailOutbox).values(row).returning({ id: emailOutbox.id });
  return created!.id;
}

// ---- reads and writes for the person's own pages (orgId and userId first: nobody reads another's) ----

export async function listNotifications(orgId: string, userId: string, limit = 50) {
  return getDb()
    .select({
      id: notifications.id,
      title: notifications.title,
      diagnosis: notifications.diagnosis,
      remedy: notifications.remedy,
      link: notifications.link,
      state: notifications.state,
      breaks: notifications.breaks,
      firstBrokeAt: notifications.firstBrokeAt,
      lastEventAt: notifications.lastEventAt,
      resolvedAt: notifications.resolvedAt,
      readAt: notifications.readAt,
    })
    .from(notifications)
    .where(and(eq(notifications.organizationId, orgId), eq(notifications.userId, userId), eq(notifications.showInApp, true)))
    .orderBy(desc(notifications.lastEventAt))
    .limit(limit);
}

export async function countUnread(orgId: string, userId: string): Promise<number> {
  const [row] = await getDb()
    .select({ unread: count() })
    .from(notifications)
    .where(and(eq(notifications.organizationId, orgId), eq(notifications.userId, userId), eq(notifications.showInApp, true), isNull(notifications.readAt)));
  return row?.unread ?? 0;
}

/** Marks the person's own notifications read: the given ids, or all of them. */
export async function markRead(orgId: string, userId: string, ids: readonly string[] | 'all') {
  await getDb()
    .update(notifications)
    .set({ readAt: sql`now()` })
    .where(
      and(
        eq(notifications.organizationId, orgId),
        eq(notifications.userId, userId),
        isNull(notifications.readAt),
        ids === 'all' ? undefined : inArray(notifications.id, [...ids]),
      ),
    );
}

export async function replacePreferences(orgId: string, userId: string, rows: readonly { eventType: string; inApp: boolean; email: boolean }[]) {
  await getDb().transaction(async (tx) => {
    await tx.delete(notificationPreferences).where(and(eq(notificationPreferences.organizationId, orgId), eq(notificationPreferences.userId, userId)));
    if (rows.length > 0) await tx.insert(notificationPreferences).values(rows.map((row) => ({ organizationId: orgId, userId, ...row })));
  });
}

export async function listOutbox(orgId: string, limit = 100) {
  return getDb()
    .select({
      id: emailOutbox.id,
      toAddress: emailOutbox.toAddress,
      subject: emailOutbox.subject,
      text: emailOutbox.text,
      status: emailOutbox.status,
      attempts: emailOutbox.attempts,
      lastError: emailOutbox.lastError,
      createdAt: emailOutbox.createdAt,
      sentAt: emailOutbox.sentAt,
    })
    .from(emailOutbox)
    .where(eq(emailOutbox.organizationId, orgId))
    .orderBy(desc(emailOutbox.createdAt))
    .limit(limit);
}

// ---- the send job ----

export async function getEmailForSending(emailId: string) {
  const [row] = await getDb()
    .select({ id: emailOutbox.id, toAddress: emailOutbox.toAddress, subject: emailOutbox.subject, text: emailOutbox.text, status: emailOutbox.status })
    .from(emailOutbox)
    .where(eq(emailOutbox.id, emailId));
  return row;
}

export async function recordSendAttempt(emailId: string, outcome: { status: 'sent' | 'queued' | 'failed'; error?: string }) {
  await getDb()
    .update(emailOutbox)
    .set({
      status: outcome.status,
      attempts: sql`${emailOutbox.attempts} + 1`,
      lastError: outcome.error ?? null,
      ...(outcome.status === 'sent' ? { sentAt: sql`now()` } : {}),
    })
    .where(eq(emailOutbox.id, emailId));
}
