import { index, integer, jsonb, pgTable, primaryKey, text, timestamp, uuid } from 'drizzle-orm/pg-core';
import { organizations } from './organizations';

/**
 * Answers to saves sent with an idempotency key (the editors' saves, rollbacks, the API's PATCH): a retry with
 * the same key gets the first answer back instead of a conflict with its own save. Written in the same
 * transaction as the save where the save is one transaction, so a save that committed always has its answer.
 * Keys are client-generated (UUIDs), unique per organization, and kept 24 hours.
 */
export const idempotencyKeys = pgTable(
  'idempotency_keys',
  {
    organizationId: uuid('organization_id')
      .notNull()
      .references(() => organizations.id, { onDelete: 'cascade' }),
    key: text('key').notNull(),
    /** The operation and its target, e.g. `jira_config_save:<connection id>`. */
    scope: text('scope').notNull(),
    /** SHA-256 of the scope and the canonical request body: the same key with another request is refused. */
    fingerprint: text('fingerprint').notNull(),
    statusCode: integer('status_code').notNull(),
    response: jsonb('response').$type<unknown>().notNull(),
    createdAt: timestamp('created_at', { withTimezone: true }).notNull().defaultNow(),
  },
  (table) => [
    primaryKey({ columns: [table.organizationId, table.key] }),
    index('idempotency_keys_created_idx').on(table.createdAt),
  ],
);
