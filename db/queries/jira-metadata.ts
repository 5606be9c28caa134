import 'server-only';
import { and, eq, sql } from 'drizzle-orm';
import type { JiraMetadata } from '@/lib/integrations/jira/metadata/types';
import { findNewUnmapped } from '@/lib/integrations/jira/mapping/drift';
import { heldExpression } from '../advisory-lock';
import { getDb } from '../client';
import type { Database, Transaction } from '../connect';
import { recordActivity } from './connection-activity';
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

/**
 * Stores a successful refresh (creating the row on the first one), and in the same transaction records
 * `drift_detected` when it brought statuses or priorities that the previous one did not have and the mapping does
 * not map (findNewUnmapped: never on the first read). Only under the refresh lock.
 */
export async function saveMetadata(orgId: string, connectionId: string, metadata: JiraMetadata): Promise<void> {
  await getDb().transaction((tx) => storeMetadata(tx, orgId, connectionId, metadata));
}

/** saveMetadata's work in the caller's transaction (tests roll it back to prove the event goes with it). */
export async function storeMetadata(tx: Transaction, orgId: string, connectionId: string, metadata: JiraMetadata): Promise<void> {
  const [connection] = await tx
    .select({ statusMapping: jiraConnections.statusMapping, priorityMapping: jiraConnections.priorityMapping })
    .from(jiraConnections)
    .where(and(eq(jiraConnections.organizationId, orgId), eq(jiraConnections.id, connectionId)));
  if (!connection) return;
  // Locked, so a second store racing this one reads what this one wrote and reports the same new values never twice.
  const [previous] = await tx
    .select({ statuses: jiraMetadataCache.statuses, priorities: jiraMetadataCache.priorities, fetchedAt: jiraMetadataCache.fetchedAt })
    .from(jiraMetadataCache)
    .where(and(eq(jiraMetadataCache.organizationId, orgId), eq(jiraMetadataCache.connectionId, connectionId)))
    .for('update');
  await upsertRow(tx, orgId, connectionId, {
    projects: metadata.projects,
    statuses: metadata.statuses,
    otherStatuses: metadata.otherStatuses ?? [],
    priorities: metadata.priorities,
    warnings: metadata.warnings,
    stats: metadata.stats,
    fetchedAt: new Date(metadata.fetchedAt),
    lastError: null,
  });
  // A row without fetched_at only ever recorded failures: this is still the first read.
  const drift = findNewUnmapped(previous?.fetchedAt ? previous : undefined, metadata, connection);
  if (drift) await recordActivity(tx, { organizationId: orgId, connectionId, action: 'drift_detected', detail: { ...drift } });
}

/** Records a failed refresh without touching the last good data. Only under the refresh lock. */
export async function recordMetadataError(orgId: string, connectionId: string, error: MetadataRefreshError): Promise<void> {
  const db = getDb();
  const [connection] = await db
    .select({ id: jiraConnections.id })
    .from(jiraConnections)
    .where(and(eq(jiraConnections.organizationId, orgId), eq(jiraConnections.id, connectionId)));
  if (!connection) return;
  await upsertRow(db, orgId, connectionId, { lastError: error });
}

type CacheValues = Partial<Omit<typeof jiraMetadataCache.$inferInsert, 'connectionId' | 'organizationId'>>;

/** Writes the row of a connection the caller found in the organization, stamping the attempt. */
async function upsertRow(db: Database | Transaction, orgId: string, connectionId: string, values: CacheValues) {
  const stamped = { ...values, lastAttemptAt: sql`now()` };
  await db
    .insert(jiraMetadataCache)
    .values({ connectionId, organizationId: orgId, ...stamped })
    .onConflictDoUpdate({ target: jiraMetadataCache.connectionId, set: stamped });
}
