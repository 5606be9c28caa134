import { sql } from 'drizzle-orm';
import { index, integer, jsonb, pgEnum, pgTable, text, timestamp, uniqueIndex, uuid } from 'drizzle-orm/pg-core';
import type { JiraSnapshot } from '@/lib/integrations/jira/mapping/drift';
import { organizations, users } from './organizations';

export const grantStatusEnum = pgEnum('jira_grant_status', ['active', 'needs_reconnect']);
export const connectionStatusEnum = pgEnum('jira_connection_status', [
  'connected',
  'needs_reconnect',
  'error',
  'disconnected',
  // Created through the API; no site until an admin opens its authorize link and consents.
  'pending_authorization',
]);

/** Mapping names given at creation through the API, resolved to Jira ids once authorized. */
export interface RequestedMappings {
  statuses: Record<string, string>;
  priorities: Record<string, string>;
}

/** Names from RequestedMappings (and filter keys) that the site did not have when they were resolved. */
export interface UnresolvedNames {
  statuses: string[];
  priorities: string[];
  projectKeys: string[];
}

/**
 * An Atlassian account's authorization of Portico's OAuth app. Tokens belong here, not to a
 * site: one consent covers every site the account granted, and its rotating refresh token must
 * be refreshed once for all of them. Token columns are read and written only by token-store.ts.
 */
export const jiraGrants = pgTable(
  'jira_grants',
  {
    id: uuid('id').primaryKey().defaultRandom(),
    organizationId: uuid('organization_id')
      .notNull()
      .references(() => organizations.id, { onDelete: 'cascade' }),
    clientId: text('client_id').notNull(),
    atlassianAccountId: text('atlassian_account_id').notNull(),
    atlassianAccountName: text('atlassian_account_name').notNull(),
    scopes: text('scopes').array().notNull(),
    status: grantStatusEnum('status').notNull().default('active'),
    accessTokenCiphertext: text('access_token_ciphertext'),
    accessTokenExpiresAt: timestamp('access_token_expires_at', { withTimezone: true }),
    refreshTokenCiphertext: text('refresh_token_ciphertext'),
    /** Bumped by every token write; lets a waiting process see that someone else refreshed. */
    tokenVersion: integer('token_version').notNull().default(0),
    lastRefreshedAt: timestamp('last_refreshed_at', { withTimezone: true }),
    lastRefreshFailedAt: timestamp('last_refresh_failed_at', { withTimezone: true }),
    lastRefreshError: text('last_refresh_error'),
    refreshFailureCount: integer('refresh_failure_count').notNull().default(0),
    /**
     * When the keep-alive last took this grant (keep-alive.ts): a grant that fails for a reason the
     * token store does not record (an undecryptable token) goes to the back instead of taking the
     * front of every batch.
     */
    keepAliveAttemptedAt: timestamp('keep_alive_attempted_at', { withTimezone: true }),
    createdAt: timestamp('created_at', { withTimezone: true }).notNull().defaultNow(),
    updatedAt: timestamp('updated_at', { withTimezone: true }).notNull().defaultNow(),
  },
  (table) => [uniqueIndex('jira_grants_account_uq').on(table.organizationId, table.clientId, table.atlassianAccountId)],
);

/** One Jira site connected to one organization. Configuration survives disconnect. */
export const jiraConnections = pgTable(
  'jira_connections',
  {
    id: uuid('id').primaryKey().defaultRandom(),
    organizationId: uuid('organization_id')
      .notNull()
      .references(() => organizations.id, { onDelete: 'cascade' }),
    grantId: uuid('grant_id').references(() => jiraGrants.id, { onDelete: 'set null' }),
    /** Null only while status is pending_authorization. */
    cloudId: text('cloud_id'),
    siteName: text('site_name'),
    siteUrl: text('site_url'),
    siteAvatarUrl: text('site_avatar_url'),
    status: connectionStatusEnum('status').notNull().default('connected'),
    statusReason: text('status_reason'),
    authorizedByAccountId: text('authorized_by_account_id'),
    authorizedByName: text('authorized_by_name'),
    grantedScopes: text('granted_scopes')
      .array()
      .notNull()
      .default(sql`'{}'::text[]`),
    connectedByUserId: uuid('connected_by_user_id').references(() => users.id, { onDelete: 'set null' }),
    connectedAt: timestamp('connected_at', { withTimezone: true }),
    lastUsedAt: timestamp('last_used_at', { withTimezone: true }),
    projectFilter: jsonb('project_filter').$type<string[]>().notNull().default([]),
    statusMapping: jsonb('status_mapping').$type<Record<string, string>>().notNull().default({}),
    priorityMapping: jsonb('priority_mapping').$type<Record<string, string>>().notNull().default({}),
    /** Per-project status overrides: project key → Jira status id → standard status. */
    projectOverrides: jsonb('project_overrides').$type<Record<string, Record<string, string>>>().notNull().default({}),
    /** Bumped by every configuration save; saves compare-and-set on it (see db/queries/jira-config.ts). */
    configVersion: integer('config_version').notNull().default(0),
    /** What Jira said about its statuses and priorities when the mapping was last saved (drift). */
    jiraSnapshot: jsonb('jira_snapshot').$type<JiraSnapshot>().notNull().default({ statuses: {}, priorities: {} }),
    /** console | api */
    createdVia: text('created_via').notNull().default('console'),
    refreshIntervalSecs: integer('refresh_interval_secs').notNull().default(900),
    timeoutSecs: integer('timeout_secs').notNull().default(1800),
    requestedMappings: jsonb('requested_mappings').$type<RequestedMappings>(),
    unresolvedNames: jsonb('unresolved_names').$type<UnresolvedNames>(),
    /**
     * When the scheduled diagnostics run is next due; null = due now. The scheduler claims rows by
     * pushing this 6 h ahead before running them, and every completed run pushes it too.
     */
    diagnosticsDueAt: timestamp('diagnostics_due_at', { withTimezone: true }),
    createdAt: timestamp('created_at', { withTimezone: true }).notNull().defaultNow(),
    updatedAt: timestamp('updated_at', { withTimezone: true }).notNull().defaultNow(),
  },
  (table) => [
    uniqueIndex('jira_connections_site_uq').on(table.organizationId, table.cloudId),
    index('jira_connections_grant_idx').on(table.grantId),
  ],
);

/** A started authorization: single use, expires after 10 minutes, bound to user, session and browser. */
export const jiraOauthStates = pgTable('jira_oauth_states', {
  stateHash: text('state_hash').primaryKey(),
  organizationId: uuid('organization_id')
    .notNull()
    .references(() => organizations.id, { onDelete: 'cascade' }),
  userId: uuid('user_id')
    .notNull()
    .references(() => users.id, { onDelete: 'cascade' }),
  sessionId: text('session_id').notNull(),
  browserBindingHash: text('browser_binding_hash').notNull(),
  codeVerifierCiphertext: text('code_verifier_ciphertext').notNull(),
  reconnectConnectionId: uuid('reconnect_connection_id').references(() => jiraConnections.id, { onDelete: 'cascade' }),
  /** Which OAuth app the consent was started with (platform or the organization's own). */
  clientId: text('client_id'),
  createdAt: timestamp('created_at', { withTimezone: true }).notNull().defaultNow(),
  expiresAt: timestamp('expires_at', { withTimezone: true }).notNull(),
  consumedAt: timestamp('consumed_at', { withTimezone: true }),
  completedAt: timestamp('completed_at', { withTimezone: true }),
  outcome: text('outcome'),
});

/**
 * Tokens from a finished consent that still need the admin's decision (which site, or a
 * confirmation that the site or account changed) before anything is saved. Ten minutes, one use.
 */
export const jiraPendingAuthorizations = pgTable('jira_pending_authorizations', {
  id: uuid('id').primaryKey().defaultRandom(),
  organizationId: uuid('organization_id')
    .notNull()
    .references(() => organizations.id, { onDelete: 'cascade' }),
  userId: uuid('user_id')
    .notNull()
    .references(() => users.id, { onDelete: 'cascade' }),
  reconnectConnectionId: uuid('reconnect_connection_id').references(() => jiraConnections.id, { onDelete: 'cascade' }),
  /** The OAuth app that issued the held tokens. */
  clientId: text('client_id'),
  tokenSetCiphertext: text('token_set_ciphertext').notNull(),
  /** Who authorized, when known: a reconnect by another Atlassian user needs confirmation. */
  accountName: text('account_name'),
  sites: jsonb('sites')
    .$type<{ id: string; name: string; url: string; avatarUrl: string | null; scopes: string[] }[]>()
    .notNull(),
  createdAt: timestamp('created_at', { withTimezone: true }).notNull().defaultNow(),
  expiresAt: timestamp('expires_at', { withTimezone: true }).notNull(),
  consumedAt: timestamp('consumed_at', { withTimezone: true }),
});

export const jiraAuditEvents = pgTable(
  'jira_audit_events',
  {
    id: uuid('id').primaryKey().defaultRandom(),
    organizationId: uuid('organization_id')
      .notNull()
      .references(() => organizations.id, { onDelete: 'cascade' }),
    connectionId: uuid('connection_id').references(() => jiraConnections.id, { onDelete: 'set null' }),
    actorUserId: uuid('actor_user_id').references(() => users.id, { onDelete: 'set null' }),
    action: text('action').notNull(),
    detail: jsonb('detail').$type<Record<string, unknown>>().notNull().default({}),
    createdAt: timestamp('created_at', { withTimezone: true }).notNull().defaultNow(),
  },
  (table) => [index('jira_audit_events_org_idx').on(table.organizationId, table.createdAt)],
);
