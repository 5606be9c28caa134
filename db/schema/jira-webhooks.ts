import { bigint, index, integer, jsonb, pgTable, text, timestamp, uniqueIndex, uuid } from 'drizzle-orm/pg-core';
import { jiraConnections } from './jira';
import { organizations } from './organizations';

/**
 * The dynamic webhooks Portico registered on a connection's site (POST /rest/api/3/webhook). Atlassian
 * allows one URL per app, so deliveries are routed back to a connection by the site and the ids in
 * `matchedWebhookIds`. A registration lives 30 days unless refreshed (PUT /rest/api/3/webhook/refresh).
 */
export const jiraWebhookRegistrations = pgTable(
  'jira_webhook_registrations',
  {
    id: uuid('id').primaryKey().defaultRandom(),
    organizationId: uuid('organization_id')
      .notNull()
      .references(() => organizations.id, { onDelete: 'cascade' }),
    connectionId: uuid('connection_id')
      .notNull()
      .references(() => jiraConnections.id, { onDelete: 'cascade' }),
    cloudId: text('cloud_id').notNull(),
    /** The id Jira gave the webhook: unique per site, not globally. */
    jiraWebhookId: bigint('jira_webhook_id', { mode: 'number' }).notNull(),
    events: text('events').array().notNull(),
    jqlFilter: text('jql_filter').notNull(),
    expiresAt: timestamp('expires_at', { withTimezone: true }).notNull(),
    registeredAt: timestamp('registered_at', { withTimezone: true }).notNull().defaultNow(),
    lastRefreshedAt: timestamp('last_refreshed_at', { withTimezone: true }),
  },
  (table) => [
    uniqueIndex('jira_webhook_registrations_site_webhook_uq').on(table.cloudId, table.jiraWebhookId),
    index('jira_webhook_registrations_connection_idx').on(table.connectionId),
    index('jira_webhook_registrations_expires_idx').on(table.expiresAt),
  ],
);

/**
 * Per connection: whether webhooks are in force, and if not why (the Sync section and diagnostics say it).
 * `status`: registered | not_registered | missing_scope | unreachable_base_url | failed.
 */
export const jiraWebhookStates = pgTable('jira_webhook_states', {
  connectionId: uuid('connection_id')
    .primaryKey()
    .references(() => jiraConnections.id, { onDelete: 'cascade' }),
  organizationId: uuid('organization_id')
    .notNull()
    .references(() => organizations.id, { onDelete: 'cascade' }),
  status: text('status').notNull().default('not_registered'),
  /** Portico's own sentence for a status other than registered: never an upstream body. */
  statusReason: text('status_reason'),
  lastAttemptAt: timestamp('last_attempt_at', { withTimezone: true }),
  lastDeliveryAt: timestamp('last_delivery_at', { withTimezone: true }),
  updatedAt: timestamp('updated_at', { withTimezone: true }).notNull().defaultNow(),
});

/**
 * Deliveries received, keyed by Atlassian's delivery identifier (X-Atlassian-Webhook-Identifier, the same on
 * every retry of one delivery): the dedupe, and the Sync section's "deliveries in the last 24 h". Pruned.
 */
export const jiraWebhookDeliveries = pgTable(
  'jira_webhook_deliveries',
  {
    id: uuid('id').primaryKey().defaultRandom(),
    deliveryIdentifier: text('delivery_identifier').notNull(),
    organizationId: uuid('organization_id')
      .notNull()
      .references(() => organizations.id, { onDelete: 'cascade' }),
    connectionId: uuid('connection_id')
      .notNull()
      .references(() => jiraConnections.id, { onDelete: 'cascade' }),
    webhookEvent: text('webhook_event').notNull(),
    issueId: text('issue_id'),
    receivedAt: timestamp('received_at', { withTimezone: true }).notNull().defaultNow(),
    processedAt: timestamp('processed_at', { withTimezone: true }),
    /**
     * applied | ignored_stale | ignored_out_of_filter | ignored_not_connected | ignored_unreadable | deferred_paused
     * (stored while the sync is paused, applied on resume) | failed
     */
    outcome: text('outcome'),
    /**
     * What the job applies: the event time and the issue trimmed to the sync's fields (no changelog, no user).
     * Cleared once the delivery is processed, so customer data stays only as long as the work needs it.
     */
    payload: jsonb('payload').$type<{ timestamp: number; issue: { id: string; key: string; fields: Record<string, unknown> } }>(),
  },
  (table) => [
    uniqueIndex('jira_webhook_deliveries_identifier_uq').on(table.connectionId, table.deliveryIdentifier),
    index('jira_webhook_deliveries_connection_received_idx').on(table.connectionId, table.receivedAt.desc()),
  ],
);

/**
 * One reconciliation run: Jira's set of issue ids for the filter against Portico's current tickets. Missing
 * ones (in Portico, not in Jira) are marked deleted; extra ones (in Jira, not in Portico) are fetched.
 */
export const jiraReconciliationRuns = pgTable(
  'jira_reconciliation_runs',
  {
    id: uuid('id').primaryKey().defaultRandom(),
    organizationId: uuid('organization_id')
      .notNull()
      .references(() => organizations.id, { onDelete: 'cascade' }),
    connectionId: uuid('connection_id')
      .notNull()
      .references(() => jiraConnections.id, { onDelete: 'cascade' }),
    /** schedule | admin | api */
    trigger: text('trigger').notNull(),
    actorUserId: uuid('actor_user_id'),
    startedAt: timestamp('started_at', { withTimezone: true }).notNull().defaultNow(),
    completedAt: timestamp('completed_at', { withTimezone: true }),
    inJira: integer('in_jira'),
    inPortico: integer('in_portico'),
    missing: integer('missing'),
    extra: integer('extra'),
    /** A few example keys of each, for the report. */
    examples: jsonb('examples').$type<{ missing: string[]; extra: string[] }>(),
    errorKind: text('error_kind'),
    errorMessage: text('error_message'),
  },
  (table) => [index('jira_reconciliation_runs_connection_started_idx').on(table.connectionId, table.startedAt.desc())],
);
