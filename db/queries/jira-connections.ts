import 'server-only';
import { and, asc, desc, eq, ne, sql } from 'drizzle-orm';
import { getDb } from '../client';
import { jiraAuditEvents, jiraConnections, jiraGrants, users } from '../schema';

/** What the browser may see of a connection: never a token column. */
const summaryColumns = {
  id: jiraConnections.id,
  cloudId: jiraConnections.cloudId,
  siteName: jiraConnections.siteName,
  siteUrl: jiraConnections.siteUrl,
  siteAvatarUrl: jiraConnections.siteAvatarUrl,
  status: jiraConnections.status,
  statusReason: jiraConnections.statusReason,
  authorizedByName: jiraConnections.authorizedByName,
  authorizedByAccountId: jiraConnections.authorizedByAccountId,
  grantedScopes: jiraConnections.grantedScopes,
  connectedAt: jiraConnections.connectedAt,
  grantId: jiraConnections.grantId,
  updatedAt: jiraConnections.updatedAt,
};

export type JiraConnectionSummary = Awaited<ReturnType<typeof listJiraConnections>>[number];

export async function listJiraConnections(orgId: string) {
  return getDb()
    .select({
      ...summaryColumns,
      // Other sites authorized by the same Atlassian account share this grant's tokens.
      sitesSharingGrant: sql<number>`(select count(*)::int from ${jiraConnections} other where other.grant_id = ${jiraConnections.grantId} and other.id <> ${jiraConnections.id})`,
    })
    .from(jiraConnections)
    .where(eq(jiraConnections.organizationId, orgId))
    .orderBy(asc(jiraConnections.siteName));
}

export async function getJiraConnection(orgId: string, connectionId: string) {
  const rows = await listJiraConnections(orgId);
  return rows.find((row) => row.id === connectionId);
}

/** The grant behind a connection, for building a Jira client; org-scoped like everything else. */
export async function getConnectionTarget(orgId: string, connectionId: string) {
  const [row] = await getDb()
    .select({ cloudId: jiraConnections.cloudId, grantId: jiraConnections.grantId, status: jiraConnections.status })
    .from(jiraConnections)
    .where(and(eq(jiraConnections.organizationId, orgId), eq(jiraConnections.id, connectionId)));
  return row;
}

export async function getGrantHealth(orgId: string, grantId: string) {
  const [row] = await getDb()
    .select({
      status: jiraGrants.status,
      scopes: jiraGrants.scopes,
      accountName: jiraGrants.atlassianAccountName,
      lastRefreshedAt: jiraGrants.lastRefreshedAt,
      lastRefreshFailedAt: jiraGrants.lastRefreshFailedAt,
      lastRefreshError: jiraGrants.lastRefreshError,
      refreshFailureCount: jiraGrants.refreshFailureCount,
    })
    .from(jiraGrants)
    .where(and(eq(jiraGrants.organizationId, orgId), eq(jiraGrants.id, grantId)));
  return row;
}

export async function listOtherSitesOnGrant(orgId: string, grantId: string, exceptConnectionId: string) {
  return getDb()
    .select({ id: jiraConnections.id, siteName: jiraConnections.siteName })
    .from(jiraConnections)
    .where(and(eq(jiraConnections.organizationId, orgId), eq(jiraConnections.grantId, grantId), ne(jiraConnections.id, exceptConnectionId)));
}

export async function listJiraAuditEvents(orgId: string, connectionId: string, limit = 50) {
  return getDb()
    .select({
      id: jiraAuditEvents.id,
      action: jiraAuditEvents.action,
      detail: jiraAuditEvents.detail,
      createdAt: jiraAuditEvents.createdAt,
      actorName: users.name,
    })
    .from(jiraAuditEvents)
    .leftJoin(users, eq(users.id, jiraAuditEvents.actorUserId))
    .where(and(eq(jiraAuditEvents.organizationId, orgId), eq(jiraAuditEvents.connectionId, connectionId)))
    .orderBy(desc(jiraAuditEvents.createdAt))
    .limit(limit);
}
