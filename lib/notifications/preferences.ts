import { z } from 'zod';
import { NOTIFYING_EVENT_TYPES, type NotifyingEventType } from './rules';

export interface Channels {
  inApp: boolean;
  email: boolean;
}

/** Without a choice of their own, people see everything in the app and get email for what needs them to act. */
export const DEFAULT_PREFERENCES: Record<NotifyingEventType, Channels> = {
  'connection.needs_reconnect': { inApp: true, email: true },
  'connection.health_changed': { inApp: true, email: true },
  'connection.disconnected': { inApp: true, email: true },
  'mapping.drift_detected': { inApp: true, email: false },
  'sync.failed': { inApp: true, email: true },
  'webhook_endpoint.disabled': { inApp: true, email: true },
};

export const PREFERENCE_LABELS: Record<NotifyingEventType, string> = {
  'connection.needs_reconnect': 'A connection needs to be reconnected',
  'connection.health_changed': 'A connection’s health got worse',
  'connection.disconnected': 'Someone else disconnected a connection',
  'mapping.drift_detected': 'Jira has new statuses or priorities that are not mapped',
  'sync.failed': 'Ticket sync failed',
  'webhook_endpoint.disabled': 'A webhook endpoint was switched off after failing',
};

/** A person's stored rows over the defaults. */
export function effectivePreferences(rows: readonly ({ eventType: string } & Channels)[]): Record<NotifyingEventType, Channels> {
  const result = { ...DEFAULT_PREFERENCES };
  for (const row of rows) {
    if ((NOTIFYING_EVENT_TYPES as readonly string[]).includes(row.eventType)) {
      result[row.eventType as NotifyingEventType] = { inApp: row.inApp, email: row.email };
    }
  }
  return result;
}

/** Whether the person wants email for an event type (false for a type nobody is notified of). */
export function wantsEmail(rows: readonly ({ eventType: string } & Channels)[], eventType: string): boolean {
  return (NOTIFYING_EVENT_TYPES as readonly string[]).includes(eventType) && effectivePreferences(rows)[eventType as NotifyingEventType].email;
}

/** The preferences form: one in-app and one email checkbox per type (unchecked boxes are absent). */
export const preferencesFormSchema = z.object(
  Object.fromEntries(NOTIFYING_EVENT_TYPES.flatMap((type) => [[`${type}:in_app`, z.literal('on').optional()], [`${type}:email`, z.literal('on').optional()]])),
);

export function preferencesFromForm(form: Record<string, unknown>): Record<NotifyingEventType, Channels> {
  return Object.fromEntries(
    NOTIFYING_EVENT_TYPES.map((type) => [type, { inApp: form[`${type}:in_app`] === 'on', email: form[`${type}:email`] === 'on' }]),
  ) as Record<NotifyingEventType, Channels>;
}
