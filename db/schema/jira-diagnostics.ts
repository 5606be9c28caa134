import { index, integer, jsonb, pgTable, primaryKey, text, timestamp, uuid } from 'drizzle-orm/pg-core';
import { organizations, users } from './organizations';
import { jiraConnections } from './jira';

/** One diagnostics run of one connection: every check's result, kept for the history view. */
export const jiraDiagnosticRuns = pgTable(
  'jira_diagnostic_runs',
  {
    id: uuid('id').primaryKey().defaultRandom(),
    organizationId: uuid('organization_id')
      .notNull()
      .references(() => organizations.id, { onDelete: 'cascade' }),
    connectionId: uuid('connection_id')
      .notNull()
      .references(() => jiraConnections.id, { onDelete: 'cascade' }),
    /** manual | after_connect | after_reconnect | scheduled | api */
    trigger: text('trigger').notNull(),
    triggeredByUserId: uuid('triggered_by_user_id').references(() => users.id, { onDelete: 'set null' }),
    /** Worst check outcome: pass | warning | failure. */
    outcome: text('outcome').notNull(),
    results: jsonb('results').$type<unknown[]>().notNull(),
    startedAt: timestamp('started_at', { withTimezone: true }).notNull(),
    finishedAt: timestamp('finished_at', { withTimezone: true }).notNull().defaultNow(),
  },
  (table) => [index('jira_diagnostic_runs_connection_idx').on(table.organizationId, table.connectionId, table.startedAt)],
);

/**
 * What Jira answered a connection's calls, per hour: feeds the rate-limit and scope checks
 * without logging every call. Written by the usage recorder in batches.
 */
export const jiraApiUsage = pgTable(
  'jira_api_usage',
  {
    organizationId: uuid('organization_id')
      .notNull()
      .references(() => organizations.id, { onDelete: 'cascade' }),
    connectionId: uuid('connection_id')
      .notNull()
      .references(() => jiraConnections.id, { onDelete: 'cascade' }),
    hour: timestamp('hour', { withTimezone: true }).notNull(),
    calls: integer('calls').notNull().default(0),
    throttled: integer('throttled').notNull().default(0),
    upstreamFailures: integer('upstream_failures').notNull().default(0),
    scopeMismatches: integer('scope_mismatches').notNull().default(0),
    lastThrottledAt: timestamp('last_throttled_at', { withTimezone: true }),
    lastRateLimitReason: text('last_rate_limit_reason'),
    lastRateLimitReset: text('last_rate_limit_reset'),
    lastRetryAfterSecs: integer('last_retry_after_secs'),
    lastScopeMismatchAt: timestamp('last_scope_mismatch_at', { withTimezone: true }),
    lastScopeMismatchOperation: text('last_scope_mismatch_operation'),
  },
  (table) => [primaryKey({ columns: [table.connectionId, table.hour] })],
);
