import 'server-only';
import { and, eq, sql } from 'drizzle-orm';
import type { JiraMetadata } from '@/lib/integrations/jira/metadata/types';
import { heldExpression } from '../advisory-lock';
import { getDb } from '../client';
import { jiraConnections, jiraMetadataCache, type MetadataRefreshError } from '../schema';

/**
 * The cached row. `refreshing` is whether a live session holds the refresh lock; `attemptAgeMs` is
 * measured on the database clock, the only one all processes share.
 */
export async function getMetadataCacheRow(orgId: string, connectionId: string) {
  const [row] = await getDb()
    .select({
      projects: jiraMetadataCache.projects,
      statuses: jiraMetadataCache.statuses,
      otherStatuses: jiraMetadataCache.otherStatuses,
      priorities: jiraMetadataCache.priorities,
      warnings: jiraMetadataCache.warnings,
      fetchedAt: jiraMetadataCache.fetchedAt,
      stats: jiraMetadataCache.stats,
      lastError: jiraMetadataCache.lastError,
      lastAttemptAt: jiraMetadataCache.lastAttemptAt,
      attemptAgeMs: sql<number | null>`(extract(epoch from now() - ${jiraMetadataCache.lastAttemptAt}) * 1000)::float8`,
      fetchedAgeMs: sql<number | null>`(extract(epoch from now() - ${jiraMetadataCache.fetchedAt}) * 1000)::float8`,
      refreshing: heldExpression({ namespace: 'metadata_refresh', id: connectionId }),
    })
    .from(jiraMetadataCache)
    .where(and(eq(jiraMetadataCache.organizationId, orgId), eq(jiraMetadataCache.connectionId, connectionId)));
  if (!row) return undefined;
  return {
    ...row,
    attemptAgeMs: row.attemptAgeMs === null ? null : Number(row.attemptAgeMs),
    fetchedAgeMs: row.fetchedAgeMs === null ? null : Number(row.fetchedAgeMs),
  };
}

export type MetadataCacheRow = NonNullable<Awaited<ReturnType<typeof getMetadataCacheRow>>>;

/** Stores a successful refresh (creating the row on the first one). Only under the refresh lock. */
export async function saveMetadata(orgId: string, connectionId: string, metadata: JiraMetadata): Promise<void> {
  const values = {
    projects: metadata.projects,
    statuses: metadata.statuses,
    otherStatuses: metadata.otherStatuses ?? [],
    priorities: metadata.priorities,
    warnings: metadata.warnings,
    stats: metadata.stats,
    fetchedAt: new Date(metadata.fetchedAt),
    lastError: null,
  };
  await upsertForConnection(orgId, connectionId, values);
}

/** Records a failed refresh without touching the last good data. Only under the refresh lock. */
export async function recordMetadataError(orgId: string, connectionId: string, error: MetadataRefreshError): Promise<void> {
  await upsertForConnection(orgId, connectionId, { lastError: error });
}

/** Writes the row of an organization's connection (nothing for another organization's), stamping the attempt. */
async function upsertForConnection(
  orgId: string,
  connectionId: string,
  values: Partial<Omit<typeof jiraMetadataCache.$inferInsert, 'connectionId' | 'organizationId'>>,
) {
  const [connection] = await getDb()
    .select({ id: jiraConnections.id })
    .from(jiraConnections)
    .where(and(eq(jiraConnections.organizationId, orgId), eq(jiraConnections.id, connectionId)));
  if (!connection) return;
  const stamped = { ...values, lastAttemptAt: sql`now()` };
  await getDb()
    .insert(jiraMetadataCache)
    .values({ connectionId, organizationId: orgId, ...stamped })
    .onConflictDoUpdate({ target: jiraMetadataCache.connectionId, set: stamped });
}
