import type { ConnectionEventType } from '@/lib/events/event-types';

/*
 * Which connection events reach people, and how (issue 16). Pure: the consumer (consume-events.ts) supplies the
 * event and the person's current thread; these functions decide. A thread is one person × connection × topic.
 */

/** The event types a person can be notified of; preferences are keyed by these. */
export const NOTIFYING_EVENT_TYPES = [
  'connection.needs_reconnect',
  'connection.health_changed',
  'connection.disconnected',
  'mapping.drift_detected',
  'sync.failed',
  'webhook_endpoint.disabled',
] as const satisfies readonly ConnectionEventType[];
export type NotifyingEventType = (typeof NOTIFYING_EVENT_TYPES)[number];

export type NotificationDecision =
  /** Something broke: open the topic's thread (or count a flap on it). */
  | { kind: 'open'; topic: string; preference: NotifyingEventType }
  /** The break is over: resolve the open thread, if any. */
  | { kind: 'resolve'; topic: string }
  /** A one-off fact with nothing to resolve (someone else disconnected). */
  | { kind: 'info'; topic: string; preference: NotifyingEventType; exceptUserId: string | null };

/** Sync failure kinds (sync-failure.ts) whose cause the connection's status already reports. */
const SYNC_KINDS_TOLD_BY_CONNECTION = new Set(['grant_needs_reconnect', 'grant_not_connected', 'grant_token_unreadable']);

const RANK: Record<string, number> = { pass: 0, skipped: 0, warning: 1, failure: 2 };
const rank = (outcome: unknown) => (typeof outcome === 'string' ? (RANK[outcome] ?? 0) : 0);

/** What an event means for people; null for the many events nobody is told about (created, mapping saved, …). */
export function decideNotification(event: { type: string; payload: Record<string, unknown> }): NotificationDecision | null {
  const { payload } = event;
  switch (event.type) {
    case 'connection.needs_reconnect':
      return { kind: 'open', topic: 'connection', preference: 'connection.needs_reconnect' };
    case 'connection.health_changed': {
      const now = rank(payload.outcome);
      const before = rank(payload.previous_outcome);
      if (now > before) return { kind: 'open', topic: 'connection', preference: 'connection.health_changed' };
      // Only the recovery that ends the trouble resolves it; failure → warning keeps the thread open.
      if (now === 0 && before > 0) return { kind: 'resolve', topic: 'connection' };
      return null;
    }
    case 'connection.authorized':
      return payload.reconnect === true ? { kind: 'resolve', topic: 'connection' } : null;
    case 'connection.disconnected':
      return {
        kind: 'info',
        topic: 'disconnected',
        preference: 'connection.disconnected',
        exceptUserId: typeof payload.actor_user_id === 'string' ? payload.actor_user_id : null,
      };
    case 'mapping.drift_detected':
      return { kind: 'open', topic: 'drift', preference: 'mapping.drift_detected' };
    case 'mapping.saved':
    case 'mapping.rolled_back':
      return { kind: 'resolve', topic: 'drift' };
    case 'sync.failed':
      // A sync refused because the grant is dead only echoes the connection's own needs-reconnect (or disconnect)
      // message: telling it twice is the storm this module exists to prevent.
      return SYNC_KINDS_TOLD_BY_CONNECTION.has(String(payload.kind)) ? null : { kind: 'open', topic: 'sync', preference: 'sync.failed' };
    case 'sync.recovered':
      return { kind: 'resolve', topic: 'sync' };
    case 'webhook_endpoint.disabled':
      return {
        kind: 'info',
        topic: `endpoint:${typeof payload.endpoint_id === 'string' ? payload.endpoint_id : 'unknown'}`,
        preference: 'webhook_endpoint.disabled',
        exceptUserId: null,
      };
    default:
      return null;
  }
}

/** A break within this long of the thread's last event is a flap: counted on the same thread, no new email. */
export const FLAP_WINDOW_MS = 24 * 3600_000;

export interface Thread {
  state: string;
  lastEventAt: Date;
}

export type ThreadStep =
  | { step: 'create'; email: boolean }
  | { step: 'reopen'; email: false }
  | { step: 'touch'; email: false }
  | { step: 'resolve'; email: false }
  | { step: 'none'; email: false };

/**
 * Storm control: one message per connection per state change. A break with the thread already open only
 * touches it; a break soon after a recovery reopens the thread with one more in its count; a recovery resolves.
 */
export function planThreadStep(decision: NotificationDecision, thread: Thread | undefined, now: Date): ThreadStep {
  if (decision.kind === 'info') return { step: 'create', email: true };
  if (decision.kind === 'resolve') return thread?.state === 'open' ? { step: 'resolve', email: false } : { step: 'none', email: false };
  if (!thread) return { step: 'create', email: true };
  if (thread.state === 'open') return { step: 'touch', email: false };
  if (now.getTime() - thread.lastEventAt.getTime() <= FLAP_WINDOW_MS) return { step: 'reopen', email: false };
  return { step: 'create', email: true };
}

/**
 * Whether a resolve step mails the person: one short "resolved" email answers a break email that went out (or is
 * on its way; a failed one never reached them), while they still want email for the type that opened the thread.
 * A thread mails only when it is created (reopens are silent), so its emails are that break email and at most one
 * answer: a flapping thread resolved again stays quiet, as its silent reopen did.
 */
export function shouldEmailResolution(threadEmails: readonly { status: string }[], emailWanted: boolean): boolean {
  const [breakEmail, ...answers] = threadEmails;
  return emailWanted && breakEmail !== undefined && breakEmail.status !== 'failed' && answers.length === 0;
}

/**
 * The person who authorized the connection (or created the endpoint), while they are still an admin of the
 * organization; otherwise every admin, so a break never goes to nobody.
 */
export function chooseRecipients(owner: string | null, admins: readonly string[]): string[] {
  return owner && admins.includes(owner) ? [owner] : [...admins];
}
