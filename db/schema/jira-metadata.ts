import { index, jsonb, pgTable, timestamp, uuid } from 'drizzle-orm/pg-core';
import type { JiraMetadata, JiraStatusMeta } from '../../lib/integrations/jira/metadata/types';
import { jiraConnections } from './jira';
import { organizations } from './organizations';

export type MetadataRefreshError = { kind: string; message: string; at: string };

/**
 * Jira's projects, statuses and priorities as last read through a connection, so the editors open
 * from PostgreSQL instead of waiting on Jira. A refresh runs under a session advisory lock
 * (db/advisory-lock.ts), not a lease column, so a dead refresher frees it at once. `last_attempt_at`
 * (database clock) is stamped by every finished refresh, good or failed: it throttles Refresh clicks
 * and tells a waiter that the refresh it waited for landed. A failed refresh writes `last_error` and
 * leaves the last good data untouched. One row per connection.
 */
export const jiraMetadataCache = pgTable(
  'jira_metadata_cache',
  {
    connectionId: uuid('connection_id')
      .primaryKey()
      .references(() => jiraConnections.id, { onDelete: 'cascade' }),
    organizationId: uuid('organization_id')
      .notNull()
      .references(() => organizations.id, { onDelete: 'cascade' }),
    projects: jsonb('projects').$type<JiraMetadata['projects']>().notNull().default([]),
    statuses: jsonb('statuses').$type<JiraMetadata['statuses']>().notNull().default([]),
    /** Statuses that exist on the site but no visible project (in the filter) uses: names for old mappings. */
    otherStatuses: jsonb('other_statuses').$type<JiraStatusMeta[]>().notNull().default([]),
    priorities: jsonb('priorities').$type<JiraMetadata['priorities']>().notNull().default([]),
    warnings: jsonb('warnings').$type<string[]>().notNull().default([]),
    /** Null until the first successful refresh. */
    fetchedAt: timestamp('fetched_at', { withTimezone: true }),
    stats: jsonb('stats').$type<JiraMetadata['stats']>(),
    lastAttemptAt: timestamp('last_attempt_at', { withTimezone: true }),
    lastError: jsonb('last_error').$type<MetadataRefreshError>(),
  },
  (table) => [index('jira_metadata_cache_org_idx').on(table.organizationId)],
);
