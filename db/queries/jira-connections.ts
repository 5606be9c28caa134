import 'server-only';
import { and, asc, eq, ne } from 'drizzle-orm';
import { isUuid } from '@/lib/validation/uuid';
import { getDb } from '../client';
import { jiraConnections, jiraGrants } from '../schema';

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

function selectConnectionSummaries() {
  return getDb().select(summaryColumns).from(jiraConnections);
}

export async function listJiraConnections(orgId: string) {
  return selectConnectionSummaries().where(eq(jiraConnections.organizationId, orgId)).orderBy(asc(jiraConnections.siteName));
}

export async function getJiraConnection(orgId: string, connectionId: string): Promise<JiraConnectionSummary | undefined> {
  if (!isUuid(connectionId)) return undefined;
  const [row] = await selectConnectionSummaries().where(
    and(eq(jiraConnections.organizationId, orgId), eq(jiraConnections.id, connectionId)),
  );
  return row;
}

export type ConnectionTarget = NonNullable<Awaited<ReturnType<typeof getConnectionTarget>>>;

/** What calling Jira for a connection needs (site, grant, scopes, filter); never a token column. */
export const connectionTargetColumns = {
  id: jiraConnections.id,
  cloudId: jiraConnections.cloudId,
  grantId: jiraConnections.grantId,
  status: jiraConnections.status,
  grantedScopes: jiraConnections.grantedScopes,
  projectFilter: jiraConnections.projectFilter,
};

export async function getConnectionTarget(orgId: string, connectionId: string) {
  const [row] = await getDb()
    .select(connectionTargetColumns)
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
