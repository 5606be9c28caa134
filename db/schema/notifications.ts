import { boolean, index, integer, pgTable, primaryKey, text, timestamp, uuid } from 'drizzle-orm/pg-core';
import { organizations, users } from './organizations';

/**
 * Notifications to people (issue 16): the second consumer of connection_events (docs/decisions/019-notifications.md).
 * An event is turned into notifications once: its id lands here in the same transaction as the notifications.
 */
export const notificationProcessedEvents = pgTable('notification_processed_events', {
  eventId: uuid('event_id').primaryKey(),
  processedAt: timestamp('processed_at', { withTimezone: true }).notNull().defaultNow(),
});

/**
 * One thread per person, connection and topic (`connection`, `sync`, `drift`, `endpoint:<id>`, …): a break opens it,
 * the recovery resolves it, and a new break soon after reopens the same row with `breaks` + 1 (a flapping
 * connection is one message with a count, not one per flap).
 */
export const notifications = pgTable(
  'notifications',
  {
    id: uuid('id').primaryKey().defaultRandom(),
    organizationId: uuid('organization_id')
      .notNull()
      .references(() => organizations.id, { onDelete: 'cascade' }),
    userId: uuid('user_id')
      .notNull()
      .references(() => users.id, { onDelete: 'cascade' }),
    connectionId: uuid('connection_id'),
    topic: text('topic').notNull(),
    /** The event type that opened (or last reopened) the thread: what preferences are keyed by. */
    eventType: text('event_type').notNull(),
    title: text('title').notNull(),
    diagnosis: text('diagnosis').notNull(),
    remedy: text('remedy').notNull(),
    /** An in-app path (e.g. /settings/integrations/jira/<id>): the page that fixes it. */
    link: text('link').notNull(),
    /** open | resolved | info (nothing to resolve, e.g. someone else disconnected). */
    state: text('state').notNull().default('open'),
    breaks: integer('breaks').notNull().default(1),
    firstBrokeAt: timestamp('first_broke_at', { withTimezone: true }).notNull().defaultNow(),
    lastEventAt: timestamp('last_event_at', { withTimezone: true }).notNull().defaultNow(),
    resolvedAt: timestamp('resolved_at', { withTimezone: true }),
    readAt: timestamp('read_at', { withTimezone: true }),
    /** False when the recipient turned in-app off for this type: the row still drives storm control and email. */
    showInApp: boolean('show_in_app').notNull().default(true),
    createdAt: timestamp('created_at', { withTimezone: true }).notNull().defaultNow(),
  },
  (table) => [
    index('notifications_user_idx').on(table.organizationId, table.userId, table.lastEventAt),
    index('notifications_thread_idx').on(table.userId, table.topic, table.connectionId, table.lastEventAt),
  ],
);

/** A person's choice per event type; no row means the defaults in lib/notifications/preferences.ts. */
export const notificationPreferences = pgTable(
  'notification_preferences',
  {
    organizationId: uuid('organization_id')
      .notNull()
      .references(() => organizations.id, { onDelete: 'cascade' }),
    userId: uuid('user_id')
      .notNull()
      .references(() => users.id, { onDelete: 'cascade' }),
    eventType: text('event_type').notNull(),
    inApp: boolean('in_app').notNull(),
    email: boolean('email').notNull(),
    updatedAt: timestamp('updated_at', { withTimezone: true }).notNull().defaultNow(),
  },
  (table) => [primaryKey({ columns: [table.organizationId, table.userId, table.eventType] })],
);

/**
 * Every email Portico composes. Without SMTP_URL it stays here as `local` (Settings › Email outbox shows exactly
 * what would be sent); with it, the send job moves it to `sent` or, after its retries, `failed`.
 */
export const emailOutbox = pgTable(
  'email_outbox',
  {
    id: uuid('id').primaryKey().defaultRandom(),
    organizationId: uuid('organization_id')
      .notNull()
      .references(() => organizations.id, { onDelete: 'cascade' }),
    userId: uuid('user_id').references(() => users.id, { onDelete: 'set null' }),
    notificationId: uuid('notification_id').references(() => notifications.id, { onDelete: 'set null' }),
    toAddress: text('to_address').notNull(),
    subject: text('subject').notNull(),
    text: text('text').notNull(),
    /** local | queued | sent | failed */
    status: text('status').notNull(),
    attempts: integer('attempts').notNull().default(0),
    lastError: text('last_error'),
    sentAt: timestamp('sent_at', { withTimezone: true }),
    createdAt: timestamp('created_at', { withTimezone: true }).notNull().defaultNow(),
  },
  (table) => [index('email_outbox_org_idx').on(table.organizationId, table.createdAt)],
);
