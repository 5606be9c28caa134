import 'server-only';
import { and, eq, sql } from 'drizzle-orm';
import type { JiraMetadata } from '@/lib/integrations/jira/metadata/types';
import { getDb } from '../client';
import { jiraConnections, jiraMetadataCache, type MetadataRefreshError } from '../schema';

// Claims are compared by value, so they are stored at the millisecond precision a JS Date keeps.
const NOW_MS = sql`date_trunc('milliseconds', now())`;
const interval = (ms: number) => sql`make_interval(secs => ${ms / 1000})`;

/** The cached row; `refreshing` is computed on the database clock, the only one all processes share. */
export async function getMetadataCacheRow(orgId: string, connectionId: string, options: { leaseMs: number }) {
  const [row] = await getDb()
    .select({
      projects: jiraMetadataCache.projects,
      statuses: jiraMetadataCache.statuses,
      priorities: jiraMetadataCache.priorities,
      warnings: jiraMetadataCache.warnings,
      fetchedAt: jiraMetadataCache.fetchedAt,
      stats: jiraMetadataCache.stats,
      lastError: jiraMetadataCache.lastError,
      refreshing: sql<boolean>`coalesce(${jiraMetadataCache.refreshingSince} > now() - ${interval(options.leaseMs)}, false)`,
    })
    .from(jiraMetadataCache)
    .where(and(eq(jiraMetadataCache.organizationId, orgId), eq(jiraMetadataCache.connectionId, connectionId)));
  return row;
}

export type MetadataCacheRow = NonNullable<Awaited<ReturnType<typeof getMetadataCacheRow>>>;

/**
 * Claims the right to refresh, atomically across processes: succeeds when nobody holds a live claim
 * (`refreshing_since` null or older than the lease) and, when `staleAfterMs` is given, the data is
 * missing or older than that and no refresh failed within `errorBackoffMs`. Returns the claim's
 * timestamp (the token for renewing and releasing it), or undefined when not claimed.
 */
export async function claimMetadataRefresh(
  orgId: string,
  connectionId: string,
  options: { leaseMs: number; staleAfterMs?: number; errorBackoffMs?: number },
): Promise<Date | undefined> {
  const cache = jiraMetadataCache;
  const conditions = [sql`(${cache.refreshingSince} is null or ${cache.refreshingSince} < now() - ${interval(options.leaseMs)})`];
  if (options.staleAfterMs !== undefined) {
    conditions.push(sql`(${cache.fetchedAt} is null or ${cache.fetchedAt} < now() - ${interval(options.staleAfterMs)})`);
    conditions.push(
      sql`(${cache.lastError} is null or (${cache.lastError}->>'at')::timestamptz < now() - ${interval(options.errorBackoffMs ?? 0)})`,
    );
  }
  const rows = await getDb().execute<{ claim_ms: number }>(sql`
    insert into ${cache} (connection_id, organization_id, refreshing_since)
    select ${jiraConnections.id}, ${jiraConnections.organizationId}, ${NOW_MS}
      from ${jiraConnections}
     where ${jiraConnections.organizationId} = ${orgId} and ${jiraConnections.id} = ${connectionId}
    on conflict (connection_id) do update set refreshing_since = ${NOW_MS}
     where ${sql.join(conditions, sql` and `)}
    returning (extract(epoch from refreshing_since) * 1000)::float8 as claim_ms`);
  const claimed = rows[0]?.claim_ms;
  return claimed === undefined ? undefined : new Date(Number(claimed));
}

/** Keeps a long refresh's claim alive. False when the claim was lost (lease expired and taken over). */
export async function renewMetadataClaim(orgId: string, connectionId: string, claim: Date): Promise<Date | undefined> {
  const [row] = await getDb()
    .update(jiraMetadataCache)
    .set({ refreshingSince: NOW_MS })
    .where(ownClaim(orgId, connectionId, claim))
    .returning({ refreshingSince: jiraMetadataCache.refreshingSince });
  return row?.refreshingSince ?? undefined;
}

/** Stores a successful refresh and releases the claim (only if still ours). */
export async function saveMetadata(orgId: string, connectionId: string, metadata: JiraMetadata, claim: Date): Promise<void> {
  await getDb()
    .update(jiraMetadataCache)
    .set({
      projects: metadata.projects,
      statuses: metadata.statuses,
      priorities: metadata.priorities,
      warnings: metadata.warnings,
      stats: metadata.stats,
      fetchedAt: new Date(metadata.fetchedAt),
      lastError: null,
      refreshingSince: sql`case when ${jiraMetadataCache.refreshingSince} = ${claim.toISOString()}::timestamptz then null else ${jiraMetadataCache.refreshingSince} end`,
    })
    .where(and(eq(jiraMetadataCache.organizationId, orgId), eq(jiraMetadataCache.connectionId, connectionId)));
}

/** Records a failed refresh without touching the last good data, and releases the claim. */
export async function recordMetadataError(orgId: string, connectionId: string, error: MetadataRefreshError, claim: Date): Promise<void> {
  await getDb()
    .update(jiraMetadataCache)
    .set({ lastError: error, refreshingSince: null })
    .where(ownClaim(orgId, connectionId, claim));
}

function ownClaim(orgId: string, connectionId: string, claim: Date) {
  return and(
    eq(jiraMetadataCache.organizationId, orgId),
    eq(jiraMetadataCache.connectionId, connectionId),
    sql`${jiraMetadataCache.refreshingSince} = ${claim.toISOString()}::timestamptz`,
  );
}
