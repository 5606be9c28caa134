import { index, integer, pgTable, primaryKey, text, timestamp, uuid } from 'drizzle-orm/pg-core';
import { jiraConnections } from './jira';
import { organizations } from './organizations';

/**
 * Approximate issue counts per Jira status, as the mapping preview last asked Jira for them. A
 * short-lived cache shared by every Portico instance (hence PostgreSQL, not memory): opening the
 * preview again, in another tab or on another instance, spends none of Atlassian's per-app quota
 * within the freshness window (preview/count-cache.ts). `scope` is the sorted project keys the
 * count was made within ('' for every project the user can see). Rows are overwritten, never
 * accumulated: one per (connection, scope, status).
 */
export const jiraStatusCounts = pgTable(
  'jira_status_counts',
  {
    connectionId: uuid('connection_id')
      .notNull()
      .references(() => jiraConnections.id, { onDelete: 'cascade' }),
    organizationId: uuid('organization_id')
      .notNull()
      .references(() => organizations.id, { onDelete: 'cascade' }),
    scope: text('scope').notNull(),
    statusId: text('status_id').notNull(),
    count: integer('count').notNull(),
    countedAt: timestamp('counted_at', { withTimezone: true }).notNull().defaultNow(),
  },
  (table) => [
    primaryKey({ columns: [table.connectionId, table.scope, table.statusId] }),
    index('jira_status_counts_org_idx').on(table.organizationId),
  ],
);
