import { index, integer, jsonb, pgTable, text, timestamp, uniqueIndex, uuid } from 'drizzle-orm/pg-core';
import { jiraConnections } from './jira';
import { organizations, users } from './organizations';

/**
 * Every saved state of a connection's project filter, mappings and overrides. The connection row holds the
 * current state and its `config_version`; this table holds all of them, so any version can be restored (a
 * rollback is itself a new version). Version 0 is the state before the first recorded save.
 */
export const jiraConfigVersions = pgTable(
  'jira_config_versions',
  {
    id: uuid('id').primaryKey().defaultRandom(),
    organizationId: uuid('organization_id')
      .notNull()
      .references(() => organizations.id, { onDelete: 'cascade' }),
    connectionId: uuid('connection_id')
      .notNull()
      .references(() => jiraConnections.id, { onDelete: 'cascade' }),
    version: integer('version').notNull(),
    projectFilter: jsonb('project_filter').$type<string[]>().notNull(),
    statusMapping: jsonb('status_mapping').$type<Record<string, string>>().notNull(),
    priorityMapping: jsonb('priority_mapping').$type<Record<string, string>>().notNull(),
    projectOverrides: jsonb('project_overrides').$type<Record<string, Record<string, string>>>().notNull(),
    authorUserId: uuid('author_user_id').references(() => users.id, { onDelete: 'set null' }),
    createdAt: timestamp('created_at', { withTimezone: true }).notNull().defaultNow(),
    summary: text('summary').notNull(),
  },
  (table) => [
    uniqueIndex('jira_config_versions_connection_version_uq').on(table.connectionId, table.version),
    index('jira_config_versions_org_idx').on(table.organizationId),
  ],
);
