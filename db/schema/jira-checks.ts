import { jsonb, pgTable, timestamp, uuid } from 'drizzle-orm/pg-core';
import { jiraConnections } from './jira';
import { organizations } from './organizations';

/** A connection check's answer as members see it (no token, no upstream text). */
export type StoredConnectionCheck = { ok: true; accountName: string } | { ok: false; reason: string; message: string };

/**
 * The last "Check connection" answer per connection, so a burst of checks by members costs one
 * Jira call: callers that arrive while a check runs (under a session advisory lock) share its answer,
 * and checks within a short interval of it get it back with its age. `checked_at` is the database clock.
 */
export const jiraConnectionChecks = pgTable('jira_connection_checks', {
  connectionId: uuid('connection_id')
    .primaryKey()
    .references(() => jiraConnections.id, { onDelete: 'cascade' }),
  organizationId: uuid('organization_id')
    .notNull()
    .references(() => organizations.id, { onDelete: 'cascade' }),
  result: jsonb('result').$type<StoredConnectionCheck>().notNull(),
  checkedAt: timestamp('checked_at', { withTimezone: true }).notNull().defaultNow(),
  /** The connection's updated_at when checked: a reconnect or status change makes the answer outdated at once. */
  connectionUpdatedAt: timestamp('connection_updated_at', { withTimezone: true }).notNull(),
});
