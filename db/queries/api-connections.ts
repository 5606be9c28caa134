import 'server-only';
import { and, asc, eq } from 'drizzle-orm';
import type { RequestedMappings, UnresolvedNames } from '@/db/schema/jira';
import { isUuid } from '@/lib/validation/uuid';
import { getDb } from '../client';
import type { Transaction } from '../connect';
import { jiraAuthorizeLinks, jiraConnections } from '../schema';
import { recordActivity } from './connection-activity';

/** What the public API shows of a connection: configuration and status, never a token or grant column. */
const apiColumns = {
  id: jiraConnections.id,
  organizationId: jiraConnections.organizationId,
  status: jiraConnections.status,
  cloudId: jiraConnections.cloudId,
  siteName: jiraConnections.siteName,
  siteUrl: jiraConnections.siteUrl,
  refreshIntervalSecs: jiraConnections.refreshIntervalSecs,
  timeoutSecs: jiraConnections.timeoutSecs,
  projectFilter: jiraConnections.projectFilter,
  statusMapping: jiraConnections.statusMapping,
  priorityMapping: jiraConnections.priorityMapping,
  requestedMappings: jiraConnections.requestedMappings,
  unresolvedNames: jiraConnections.unresolvedNames,
  connectedByUserId: jiraConnections.connectedByUserId,
  createdAt: jiraConnections.createdAt,
  updatedAt: jiraConnections.updatedAt,
};

export type ApiConnectionRow = Awaited<ReturnType<typeof listApiConnections>>[number];

export async function listApiConnections(orgId: string) {
  return getDb().select(apiColumns).from(jiraConnections).where(eq(jiraConnections.organizationId, orgId)).orderBy(asc(jiraConnections.createdAt), asc(jiraConnections.id));
}

export async function getApiConnection(orgId: string, connectionId: string): Promise<ApiConnectionRow | undefined> {
  if (!isUuid(connectionId)) return undefined;
  const [row] = await getDb()
    .select(apiColumns)
    .from(jiraConnections)
    .where(and(eq(jiraConnections.organizationId, orgId), eq(jiraConnections.id, connectionId)));
  return row;
}

/**
 * A connection created through the API: no site until an admin authorizes it. Its first authorize link is
 * stored in the same transaction, so a failure never leaves a pending connection nobody can authorize.
 */
export async function insertPendingConnection(
  orgId: string,
  input: {
    projectFilter: string[];
    requestedMappings: RequestedMappings | null;
    refreshIntervalSecs?: number;
    timeoutSecs?: number;
    apiKeyId: string;
    link: { tokenHash: string; expiresAt: Date };
  },
): Promise<string> {
  return getDb().transaction(async (tx) => {
    const [row] = await tx
      .insert(jiraConnections)
      .values({
        organizationId: orgId,
        status: 'pending_authorization',
        createdVia: 'api',
        projectFilter: input.projectFilter,
        requestedMappings: input.requestedMappings,
        ...(input.refreshIntervalSecs === undefined ? {} : { refreshIntervalSecs: input.refreshIntervalSecs }),
        ...(input.timeoutSecs === undefined ? {} : { timeoutSecs: input.timeoutSecs }),
      })
      .returning({ id: jiraConnections.id });
    await recordActivity(tx, {
      organizationId: orgId,
      connectionId: row!.id,
      action: 'created_by_api',
      detail: { apiKeyId: input.apiKeyId },
    });
    await tx.insert(jiraAuthorizeLinks).values({
      tokenHash: input.link.tokenHash,
      organizationId: orgId,
      connectionId: row!.id,
      createdByApiKeyId: input.apiKeyId,
      expiresAt: input.link.expiresAt,
    });
    return row!.id;
  });
}

/** Settings the API changes outside the versioned configuration (intervals, requested names). */
export async function updateApiConnectionSettings(
  orgId: string,
  connectionId: string,
  values: { refreshIntervalSecs?: number; timeoutSecs?: number; requestedMappings?: RequestedMappings; projectFilter?: string[]; clearUnresolved?: boolean },
): Promise<boolean> {
  const { clearUnresolved, ...rest } = values;
  const rows = await getDb()
    .update(jiraConnections)
    .set({ ...rest, ...(clearUnresolved ? { unresolvedNames: null } : {}), updatedAt: new Date() })
    .where(and(eq(jiraConnections.organizationId, orgId), eq(jiraConnections.id, connectionId)))
    .returning({ id: jiraConnections.id });
  return rows.length > 0;
}

export async function recordUnresolvedNames(orgId: string, connectionId: string, unresolved: UnresolvedNames): Promise<void> {
  await getDb()
    .update(jiraConnections)
    .set({ unresolvedNames: unresolved })
    .where(and(eq(jiraConnections.organizationId, orgId), eq(jiraConnections.id, connectionId)));
}

/**
 * Deletes the connection row (its authorize links, states and cached metadata cascade) with an audit event.
 * `releaseGrant` runs in the same transaction so an unused grant (tokens) goes with its last site.
 */
export async function deleteApiConnection(
  orgId: string,
  connectionId: string,
  apiKeyId: string,
  releaseGrant: (tx: Transaction, grantId: string) => Promise<void>,
): Promise<boolean> {
  if (!isUuid(connectionId)) return false;
  return getDb().transaction(async (tx) => {
    const [row] = await tx
      .delete(jiraConnections)
      .where(and(eq(jiraConnections.organizationId, orgId), eq(jiraConnections.id, connectionId)))
      .returning({ grantId: jiraConnections.grantId, siteName: jiraConnections.siteName });
    if (!row) return false;
    await recordActivity(tx, {
      organizationId: orgId,
      connectionId: null,
      action: 'deleted_by_api',
      detail: { apiKeyId, connectionId, site: row.siteName },
    });
    if (row.grantId) await releaseGrant(tx, row.grantId);
    return true;
  });
}
