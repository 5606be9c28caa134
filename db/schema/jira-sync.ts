import { sql } from 'drizzle-orm';
import { boolean, index, integer, jsonb, pgTable, primaryKey, text, timestamp, uniqueIndex, uuid } from 'drizzle-orm/pg-core';
import { jiraConnections } from './jira';
import { organizations } from './organizations';

/**
 * A Jira issue as Portico keeps it: the raw Jira values beside the standard status and priority
 * computed from the connection's mapping. Normalization is a pure function of the raw columns and
 * the mapping version, so a mapping change re-normalizes every row in SQL without calling Jira.
 */
export const jiraTickets = pgTable(
  'jira_tickets',
  {
    id: uuid('id').primaryKey().defaultRandom(),
    organizationId: uuid('organization_id')
      .notNull()
      .references(() => organizations.id, { onDelete: 'cascade' }),
    connectionId: uuid('connection_id')
      .notNull()
      .references(() => jiraConnections.id, { onDelete: 'cascade' }),
    /** Jira's issue id: stable across key changes and project moves, unlike the key. */
    externalId: text('external_id').notNull(),
    key: text('key').notNull(),
    projectId: text('project_id').notNull(),
    projectKey: text('project_key').notNull(),
    title: text('title').notNull(),
    statusId: text('status_id').notNull(),
    statusName: text('status_name').notNull(),
    /** Jira's statusCategory key: new | indeterminate | done. */
    statusCategory: text('status_category').notNull(),
    priorityId: text('priority_id'),
    priorityName: text('priority_name'),
    issueTypeId: text('issue_type_id').notNull(),
    issueTypeName: text('issue_type_name').notNull(),
    standardStatus: text('standard_status').notNull().default('UNKNOWN'),
    standardPriority: text('standard_priority').notNull().default('UNKNOWN'),
    /** The connection's config_version the standard values were computed with. */
    mappingVersion: integer('mapping_version').notNull(),
    assigneeAccountId: text('assignee_account_id'),
    assigneeName: text('assignee_name'),
    reporterAccountId: text('reporter_account_id'),
    reporterName: text('reporter_name'),
    /** The requested Jira fields as Jira sent them (issuetype, project, duedate, labels, resolution, parent, …). */
    vendorAttributes: jsonb('vendor_attributes').$type<Record<string, unknown>>().notNull(),
    jiraCreatedAt: timestamp('jira_created_at', { withTimezone: true }).notNull(),
    jiraUpdatedAt: timestamp('jira_updated_at', { withTimezone: true }).notNull(),
    /** False once the issue left the connection's project filter (moved, or the filter shrank): no longer current. */
    inScope: boolean('in_scope').notNull().default(true),
    deletedAt: timestamp('deleted_at', { withTimezone: true }),
    firstSyncedAt: timestamp('first_synced_at', { withTimezone: true }).notNull().defaultNow(),
    lastSyncedAt: timestamp('last_synced_at', { withTimezone: true }).notNull().defaultNow(),
  },
  (table) => [
    uniqueIndex('jira_tickets_connection_external_uq').on(table.connectionId, table.externalId),
    index('jira_tickets_org_updated_idx').on(table.organizationId, table.jiraUpdatedAt.desc(), table.id),
    index('jira_tickets_connection_status_idx').on(table.connectionId, table.statusId),
    index('jira_tickets_connection_priority_idx').on(table.connectionId, table.priorityId),
    index('jira_tickets_connection_project_idx').on(table.connectionId, table.projectKey),
    index('jira_tickets_org_key_idx').on(table.organizationId, table.key),
    // Search by key or summary (ILIKE '%…%'); pg_trgm ships with the embedded PostgreSQL.
    index('jira_tickets_title_trgm_idx').using('gin', sql`${table.title} gin_trgm_ops`),
    index('jira_tickets_key_trgm_idx').using('gin', sql`${table.key} gin_trgm_ops`),
    // The Tickets page's and /api/v1/tickets' default view (current tickets) by standard status or priority, in
    // list order: a rare status reads its own rows instead of walking the whole organization, and the page's
    // capped count is an index-only scan. Partial, so deleted and out-of-scope rows cost nothing here.
    index('jira_tickets_current_status_idx')
      .on(table.organizationId, table.standardStatus, table.jiraUpdatedAt.desc(), table.id)
      .where(sql`${table.deletedAt} is null and ${table.inScope}`),
    index('jira_tickets_current_priority_idx')
      .on(table.organizationId, table.standardPriority, table.jiraUpdatedAt.desc(), table.id)
      .where(sql`${table.deletedAt} is null and ${table.inScope}`),
  ],
);

/**
 * Where a connection's sync stands, one row per connection. The backfill cursor (JQL and Jira's
 * nextPageToken) commits in the same transaction as the page's tickets, so a killed worker resumes
 * at the page it had not committed. The UI's progress bar reads backfill_done / backfill_total_estimate.
 */
export const jiraSyncStates = pgTable('jira_sync_states', {
  connectionId: uuid('connection_id')
    .primaryKey()
    .references(() => jiraConnections.id, { onDelete: 'cascade' }),
  organizationId: uuid('organization_id')
    .notNull()
    .references(() => organizations.id, { onDelete: 'cascade' }),
  paused: boolean('paused').notNull().default(false),
  /** backfill | incremental */
  phase: text('phase').notNull().default('backfill'),
  backfillJql: text('backfill_jql'),
  backfillNextPageToken: text('backfill_next_page_token'),
  backfillDone: integer('backfill_done').notNull().default(0),
  backfillTotalEstimate: integer('backfill_total_estimate'),
  backfillStartedAt: timestamp('backfill_started_at', { withTimezone: true }),
  backfillCompletedAt: timestamp('backfill_completed_at', { withTimezone: true }),
  /** The project filter the finished backfill covered; a filter that grows beyond it needs a new backfill. */
  syncedProjectFilter: jsonb('synced_project_filter').$type<string[]>(),
  /** Highest Jira `updated` stored; incremental polls ask for `updated >= cursor - overlap`. */
  incrementalCursor: timestamp('incremental_cursor', { withTimezone: true }),
  /** The authorizing user's time zone (myself.timeZone): Jira reads JQL dates in it. */
  jiraTimeZone: text('jira_time_zone'),
  lastRunStartedAt: timestamp('last_run_started_at', { withTimezone: true }),
  lastSuccessAt: timestamp('last_success_at', { withTimezone: true }),
  nextRunAt: timestamp('next_run_at', { withTimezone: true }),
  lastErrorKind: text('last_error_kind'),
  lastErrorMessage: text('last_error_message'),
  failureCount: integer('failure_count').notNull().default(0),
  /** When the current run of failures began (null while healthy). */
  failingSince: timestamp('failing_since', { withTimezone: true }),
  updatedAt: timestamp('updated_at', { withTimezone: true }).notNull().defaultNow(),
});

/**
 * A backfill is read as a few segments (the filter's projects dealt round-robin), each with its own Jira
 * cursor, so several workers read one site's backfill in parallel. A page's tickets commit with its
 * segment's cursor; the backfill is done when every segment is.
 */
export const jiraSyncBackfillSegments = pgTable(
  'jira_sync_backfill_segments',
  {
    connectionId: uuid('connection_id')
      .notNull()
      .references(() => jiraConnections.id, { onDelete: 'cascade' }),
    organizationId: uuid('organization_id')
      .notNull()
      .references(() => organizations.id, { onDelete: 'cascade' }),
    segment: integer('segment').notNull(),
    jql: text('jql').notNull(),
    nextPageToken: text('next_page_token'),
    pages: integer('pages').notNull().default(0),
    completedAt: timestamp('completed_at', { withTimezone: true }),
  },
  (table) => [primaryKey({ columns: [table.connectionId, table.segment] })],
);
