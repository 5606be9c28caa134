import 'server-only';
import { z } from 'zod';
import { getDb } from '@/db/client';
import type { Transaction } from '@/db/connect';
import {
  claimUnprocessedEvents,
  getConnectionOwner,
  getEndpointOwner,
  getFailingChecks,
  getLatestThread,
  getUserEmail,
  insertEmail,
  insertNotification,
  listAdminIds,
  listPreferenceRows,
  listThreadEmails,
  markEventsProcessed,
  updateThread,
} from '@/db/queries/notifications';
import { env } from '@/lib/config/env';
import { defineJob } from '@/lib/jobs/define-job';
import { enqueue } from '@/lib/jobs/enqueue';
import { composeMessage, composeResolutionEmail, emailText } from './messages';
import { effectivePreferences, wantsEmail } from './preferences';
import { chooseRecipients, decideNotification, planThreadStep, shouldEmailResolution } from './rules';
import { sendNotificationEmailJob } from './send-email';

const BATCH = 200;

type ClaimedEvent = Awaited<ReturnType<typeof claimUnprocessedEvents>>[number];

/**
 * The second consumer of connection_events (the first is the outbound-webhook dispatcher): turns each new event
 * into notifications and emails, and marks it handled in the same transaction, so a crash redoes the batch and
 * a second worker waits for the first (claimUnprocessedEvents' lock). Returns the events handled.
 */
export async function consumeNotificationEvents(): Promise<number> {
  let handled = 0;
  for (;;) {
    const count = await getDb().transaction(async (tx) => {
      const events = await claimUnprocessedEvents(tx, BATCH);
      for (const event of events) await notifyEvent(tx, event);
      await markEventsProcessed(
        tx,
        events.map((event) => event.id),
      );
      return events.length;
    });
    handled += count;
    if (count < BATCH) return handled;
  }
}

async function notifyEvent(tx: Transaction, event: ClaimedEvent) {
  const decision = decideNotification(event);
  if (!decision) return;
  const orgId = event.organizationId;
  const endpointId = typeof event.payload.endpoint_id === 'string' ? event.payload.endpoint_id : null;
  const connection = event.connectionId ? await getConnectionOwner(tx, orgId, event.connectionId) : undefined;
  const owner = endpointId ? ((await getEndpointOwner(tx, orgId, endpointId))?.ownerId ?? null) : (connection?.ownerId ?? null);
  const except = decision.kind === 'info' ? decision.exceptUserId : null;
  const recipients = chooseRecipients(owner, await listAdminIds(tx, orgId)).filter((userId) => userId !== except);
  if (recipients.length === 0) return;

  const opens = decision.kind !== 'resolve';
  const message = opens
    ? composeMessage(event.type, event.payload, {
        connectionId: event.connectionId,
        siteName: connection?.siteName ?? (typeof event.payload.site === 'string' ? event.payload.site : null),
        ...(event.type === 'connection.health_changed' && event.connectionId ? { failingChecks: await getFailingChecks(tx, orgId, event.connectionId) } : {}),
      })
    : undefined;

  for (const userId of recipients) {
    const channels = decision.kind === 'resolve' ? undefined : effectivePreferences(await listPreferenceRows(tx, orgId, userId))[decision.preference];
    if (channels && !channels.inApp && !channels.email) continue;
    const thread = decision.kind === 'info' ? undefined : await getLatestThread(tx, orgId, userId, decision.topic, event.connectionId);
    const step = planThreadStep(decision, thread, event.occurredAt);
    if (step.step === 'none') continue;
    if (step.step !== 'create') {
      await updateThread(tx, thread!.id, step.step, event.occurredAt);
      if (step.step === 'resolve') await emailResolution(tx, { orgId, userId, resolvedBy: event.type, thread: thread! });
      continue;
    }
    if (!message || !channels || decision.kind === 'resolve') continue;
    const notificationId = await insertNotification(tx, {
      organizationId: orgId,
      userId,
      connectionId: event.connectionId,
      topic: decision.topic,
      eventType: event.type,
      ...message,
      state: decision.kind === 'info' ? 'info' : 'open',
      firstBrokeAt: event.occurredAt,
      lastEventAt: event.occurredAt,
      showInApp: channels.inApp,
    });
    if (step.email && channels.email) await queueEmail(tx, { orgId, userId, notificationId, subject: message.title, text: emailText(message, env().PORTICO_BASE_URL) });
  }
}

type Thread = NonNullable<Awaited<ReturnType<typeof getLatestThread>>>;

/** The "resolved" answer to the thread's break email, if one went out (shouldEmailResolution). */
async function emailResolution(tx: Transaction, resolution: { orgId: string; userId: string; resolvedBy: string; thread: Thread }) {
  const { orgId, userId, thread } = resolution;
  const emailWanted = wantsEmail(await listPreferenceRows(tx, orgId, userId), thread.eventType);
  if (!shouldEmailResolution(await listThreadEmails(tx, orgId, thread.id), emailWanted)) return;
  const mail = composeResolutionEmail(resolution.resolvedBy, thread, env().PORTICO_BASE_URL);
  await queueEmail(tx, { orgId, userId, notificationId: thread.id, ...mail });
}

/** Without SMTP_URL the email stays in the outbox as `local`; with it, the send job takes it (after commit). */
async function queueEmail(tx: Transaction, mail: { orgId: string; userId: string; notificationId: string; subject: string; text: string }) {
  const toAddress = await getUserEmail(tx, mail.userId);
  if (!toAddress) return;
  const smtp = Boolean(env().SMTP_URL);
  const emailId = await insertEmail(tx, {
    organizationId: mail.orgId,
    userId: mail.userId,
    notificationId: mail.notificationId,
    toAddress,
    subject: mail.subject,
    text: mail.text,
    status: smtp ? 'queued' : 'local',
  });
  if (smtp) await enqueue(sendNotificationEmailJob, { emailId }, { tx });
}

export const notifyEventsJob = defineJob({
  name: 'notify-connection-events',
  title: 'Notifications: tell people about new connection events',
  schema: z.object({}),
  // At most one waiting: a burst of events wakes the consumer once, and that run takes them all.
  policy: 'short',
  singletonKey: () => 'notify',
  retry: { limit: 5, delaySecs: 5 },
  expireInSecs: 120,
  handler: async () => {
    await consumeNotificationEvents();
  },
});
