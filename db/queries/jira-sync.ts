import 'server-only';
import { and, eq, inArray, isNull, sql, type SQL } from 'drizzle-orm';
import type { MappingInForce, NormalizedTicket } from '@/lib/integrations/jira/sync/normalize-issue';
import { getDb } from '../client';
import { connectionTargetColumns } from './jira-connections';
import type { Database, Transaction } from '../connect';
import { jiraConnections, jiraSyncBackfillSegments, jiraSyncStates, jiraTickets } from '../schema';

/*
 * The sync engine's reads and writes. Every write of tickets goes through a transaction that also
 * moves the cursor it was read with, compare-and-set on that cursor: a page committed twice (a
 * retried job, two workers) or by a worker that lost its turn changes nothing.
 */

export type SyncStateRow = typeof jiraSyncStates.$inferSelect;

/** The connection as the sync sees it (never a token column), with its sync state when one exists. */
export async function getSyncTarget(orgId: string, connectionId: string) {
  const [row] = await getDb()
    .select({
      ...connectionTargetColumns,
      refreshIntervalSecs: jiraConnections.refreshIntervalSecs,
      state: jiraSyncStates,
    })
    .from(jiraConnections)
    .leftJoin(jiraSyncStates, eq(jiraSyncStates.connectionId, jiraConnections.id))
    .where(and(eq(jiraConnections.organizationId, orgId), eq(jiraConnections.id, connectionId)));
  return row;
}
export type SyncTarget = NonNullable<Awaited<ReturnType<typeof getSyncTarget>>>;

export async function ensureSyncState(orgId: string, connectionId: string): Promise<void> {
  await getDb().insert(jiraSyncStates).values({ connectionId, organizationId: orgId }).onConflictDoNothing();
}

export async function updateSyncState(orgId: string, connectionId: string, values: Partial<Omit<SyncStateRow, 'connectionId' | 'organizationId'>>) {
  await getDb()
    .update(jiraSyncStates)
    .set({ ...values, updatedAt: new Date() })
    .where(and(eq(jiraSyncStates.organizationId, orgId), eq(jiraSyncStates.connectionId, connectionId)));
}

/**
 * Starts a backfill unless another worker already did (compare-and-set on an empty cursor), so two workers
 * racing to start cannot reset each other's committed pages. The segments' cursors are written with it.
 */
export async function beginBackfill(
  orgId: string,
  connectionId: string,
  values: Pick<SyncStateRow, 'backfillJql' | 'backfillTotalEstimate' | 'syncedProjectFilter' | 'jiraTimeZone' | 'incrementalCursor'>,
  segmentJql: string[],
): Promise<boolean> {
  const now = new Date();
  return getDb().transaction(async (tx) => {
    const rows = await tx
      .update(jiraSyncStates)
      .set({ ...values, backfillNextPageToken: null, backfillDone: 0, backfillStartedAt: now, backfillCompletedAt: null, lastRunStartedAt: now, updatedAt: now })
      .where(
        and(
          eq(jiraSyncStates.organizationId, orgId),
          eq(jiraSyncStates.connectionId, connectionId),
          eq(jiraSyncStates.phase, 'backfill'),
          isNull(jiraSyncStates.backfillJql),
        ),
      )
      .returning({ id: jiraSyncStates.connectionId });
    if (rows.length === 0) return false;
    await tx.delete(jiraSyncBackfillSegments).where(eq(jiraSyncBackfillSegments.connectionId, connectionId));
    await tx
      .insert(jiraSyncBackfillSegments)
      .values(segmentJql.map((jql, segment) => ({ connectionId, organizationId: orgId, segment, jql })));
    return true;
  });
}

/** The segments of the running backfill that still have pages to read. */
export async function listOpenBackfillSegments(orgId: string, connectionId: string) {
  return getDb()
    .select({ segment: jiraSyncBackfillSegments.segment, jql: jiraSyncBackfillSegments.jql, nextPageToken: jiraSyncBackfillSegments.nextPageToken })
    .from(jiraSyncBackfillSegments)
    .where(
      and(
        eq(jiraSyncBackfillSegments.organizationId, orgId),
        eq(jiraSyncBackfillSegments.connectionId, connectionId),
        isNull(jiraSyncBackfillSegments.completedAt),
      ),
    )
    .orderBy(jiraSyncBackfillSegments.segment);
}

/** The cursor a page was read with: the commit applies only while its segment still holds it. */
export interface PageCursor {
  segment: number;
  jql: string;
  pageToken: string | null;
}

/**
 * Reads the mapping under FOR SHARE so a mapping save waits for this commit: tickets are written with the
 * version in force when they land, and the re-normalization the save enqueues sees them.
 */
async function mappingInForce(tx: Transaction, orgId: string, connectionId: string): Promise<MappingInForce | undefined> {
  const [row] = await tx
    .select({
      version: jiraConnections.configVersion,
      statusMapping: jiraConnections.statusMapping,
      priorityMapping: jiraConnections.priorityMapping,
      projectOverrides: jiraConnections.projectOverrides,
    })
    .from(jiraConnections)
    .where(and(eq(jiraConnections.organizationId, orgId), eq(jiraConnections.id, connectionId)))
    .for('share');
  return row;
}

type Normalize = (mapping: MappingInForce) => NormalizedTicket[];

export type BackfillCommit = 'committed' | 'backfill_done' | 'lost_race';

/**
 * One backfill page: its tickets and its segment's next cursor in one transaction. `nextPageToken` null = the
 * segment's last page; the last segment to finish ends the backfill. Nothing is written when the segment's
 * cursor moved meanwhile (the page was committed already, by a retry or another worker).
 */
export async function commitBackfillPage(
  orgId: string,
  connectionId: string,
  cursor: PageCursor,
  page: { normalize: Normalize; nextPageToken: string | null },
): Promise<BackfillCommit> {
  return getDb().transaction(async (tx) => {
    const [segment] = await tx
      .select({ jql: jiraSyncBackfillSegments.jql, token: jiraSyncBackfillSegments.nextPageToken, completedAt: jiraSyncBackfillSegments.completedAt })
      .from(jiraSyncBackfillSegments)
      .where(
        and(
          eq(jiraSyncBackfillSegments.organizationId, orgId),
          eq(jiraSyncBackfillSegments.connectionId, connectionId),
          eq(jiraSyncBackfillSegments.segment, cursor.segment),
        ),
      )
      .for('update');
    if (!segment || segment.completedAt || segment.jql !== cursor.jql || segment.token !== cursor.pageToken) return 'lost_race';
    const mapping = await mappingInForce(tx, orgId, connectionId);
    if (!mapping) return 'lost_race';
    const tickets = page.normalize(mapping);
    await upsertTickets(tx, orgId, connectionId, tickets);
    const last = page.nextPageToken === null;
    const now = new Date();
    await tx
      .update(jiraSyncBackfillSegments)
      .set({ nextPageToken: page.nextPageToken, pages: sql`${jiraSyncBackfillSegments.pages} + 1`, completedAt: last ? now : null })
      .where(and(eq(jiraSyncBackfillSegments.connectionId, connectionId), eq(jiraSyncBackfillSegments.segment, cursor.segment)));
    // Locks the state row before counting the open segments: two segments ending at once are serialized
    // here, and the second one sees the first one's commit.
    await tx
      .update(jiraSyncStates)
      .set({ backfillDone: sql`${jiraSyncStates.backfillDone} + ${tickets.length}`, updatedAt: now })
      .where(eq(jiraSyncStates.connectionId, connectionId));
    if (!last) return 'committed';
    const [open] = await tx
      .select({ n: sql<number>`count(*)::int` })
      .from(jiraSyncBackfillSegments)
      .where(and(eq(jiraSyncBackfillSegments.connectionId, connectionId), isNull(jiraSyncBackfillSegments.completedAt)));
    if ((open?.n ?? 0) > 0) return 'committed';
    await tx
      .update(jiraSyncStates)
      .set({
        phase: 'incremental',
        backfillJql: null,
        backfillCompletedAt: now,
        lastSuccessAt: now,
        lastErrorKind: null,
        lastErrorMessage: null,
        failureCount: 0,
        failingSince: null,
      })
      .where(eq(jiraSyncStates.connectionId, connectionId));
    return 'backfill_done';
  });
}

/**
 * Incremental: the changed tickets, and the ones seen outside the filter marked no longer current, in one
 * transaction. The cursor itself moves once the whole poll is through (setIncrementalCursor).
 */
export async function commitIncrementalPage(
  orgId: string,
  connectionId: string,
  page: { normalize: Normalize; movedOutIds: string[] },
): Promise<{ changed: number; movedOut: number }> {
  return getDb().transaction(async (tx) => {
    const mapping = await mappingInForce(tx, orgId, connectionId);
    if (!mapping) return { changed: 0, movedOut: 0 };
    const tickets = page.normalize(mapping);
    await upsertTickets(tx, orgId, connectionId, tickets);
    const movedOut = page.movedOutIds.length
      ? await markOutOfScope(tx, orgId, connectionId, inArray(jiraTickets.externalId, page.movedOutIds))
      : 0;
    return { changed: tickets.length, movedOut };
  });
}

/**
 * One INSERT … ON CONFLICT for the whole page. A row only moves forward: an answer older than what is
 * stored (a page read before an edit, committed after the edit's poll) leaves the stored version alone.
 */
async function upsertTickets(tx: Transaction, orgId: string, connectionId: string, tickets: NormalizedTicket[]): Promise<number> {
  if (tickets.length === 0) return 0;
  const now = new Date();
  const excluded = (column: string) => sql.raw(`excluded.${column}`);
  const written = await tx
    .insert(jiraTickets)
    .values(tickets.map((ticket) => ({ ...ticket, organizationId: orgId, connectionId, inScope: true, firstSyncedAt: now, lastSyncedAt: now })))
    .onConflictDoUpdate({
      target: [jiraTickets.connectionId, jiraTickets.externalId],
      set: {
        key: excluded('key'),
        projectId: excluded('project_id'),
        projectKey: excluded('project_key'),
        title: excluded('title'),
        statusId: excluded('status_id'),
        statusName: excluded('status_name'),
        statusCategory: excluded('status_category'),
        priorityId: excluded('priority_id'),
        priorityName: excluded('priority_name'),
        issueTypeId: excluded('issue_type_id'),
        issueTypeName: excluded('issue_type_name'),
        standardStatus: excluded('standard_status'),
        standardPriority: excluded('standard_priority'),
        mappingVersion: excluded('mapping_version'),
        assigneeAccountId: excluded('assignee_account_id'),
        assigneeName: excluded('assignee_name'),
        reporterAccountId: excluded('reporter_account_id'),
        reporterName: excluded('reporter_name'),
        vendorAttributes: excluded('vendor_attributes'),
        jiraCreatedAt: excluded('jira_created_at'),
        jiraUpdatedAt: excluded('jira_updated_at'),
        inScope: true,
        deletedAt: null,
        lastSyncedAt: excluded('last_synced_at'),
      },
      setWhere: sql`${jiraTickets.organizationId} = ${orgId} and ${jiraTickets.jiraUpdatedAt} <= excluded.jira_updated_at`,
    })
    .returning({ id: jiraTickets.id });
  return written.length;
}

/** What a webhook delivery's job needs to know about its connection, read under FOR SHARE like a page commit. */
export async function getWebhookTarget(tx: Transaction, orgId: string, connectionId: string) {
  const [row] = await tx
    .select({ status: jiraConnections.status, projectFilter: jiraConnections.projectFilter })
    .from(jiraConnections)
    .where(and(eq(jiraConnections.organizationId, orgId), eq(jiraConnections.id, connectionId)))
    .for('share');
  if (!row) return undefined;
  // Locked too: a resume (which lists the deferred deliveries after its update) waits for this decision.
  const [state] = await tx
    .select({ paused: jiraSyncStates.paused })
    .from(jiraSyncStates)
    .where(and(eq(jiraSyncStates.organizationId, orgId), eq(jiraSyncStates.connectionId, connectionId)))
    .for('share');
  const mapping = await mappingInForce(tx, orgId, connectionId);
  return mapping ? { ...row, paused: state?.paused ?? false, mapping } : undefined;
}

/**
 * One issue from a webhook, through the same upsert as the sync's pages: a payload older than the stored
 * version writes nothing (returns false), a newer one makes a deleted ticket current again.
 */
export async function upsertWebhookTicket(tx: Transaction, orgId: string, connectionId: string, ticket: NormalizedTicket): Promise<boolean> {
  return (await upsertTickets(tx, orgId, connectionId, [ticket])) > 0;
}

/**
 * jira:issue_deleted: soft delete. The deletion's time becomes the row's version, so a created/updated
 * delivery from before the deletion (arriving late) cannot bring the ticket back; a later one can.
 * Returns whether a row changed (false: unknown issue, or a stored version newer than the deletion).
 */
export async function markWebhookTicketDeleted(tx: Transaction, orgId: string, connectionId: string, externalId: string, deletedAt: Date): Promise<boolean> {
  const at = deletedAt.toISOString();
  const rows = await tx
    .update(jiraTickets)
    .set({
      deletedAt: sql`coalesce(${jiraTickets.deletedAt}, now())`,
      jiraUpdatedAt: sql`greatest(${jiraTickets.jiraUpdatedAt}, ${at}::timestamptz)`,
      lastSyncedAt: new Date(),
    })
    .where(
      and(
        eq(jiraTickets.organizationId, orgId),
        eq(jiraTickets.connectionId, connectionId),
        eq(jiraTickets.externalId, externalId),
        sql`${jiraTickets.jiraUpdatedAt} <= ${at}::timestamptz`,
      ),
    )
    .returning({ id: jiraTickets.id });
  return rows.length > 0;
}

/** A newer version of the issue is outside the project filter (moved out): it stops being current. */
export async function markWebhookTicketOutOfScope(tx: Transaction, orgId: string, connectionId: string, externalId: string, updatedAt: Date): Promise<number> {
  return markOutOfScope(
    tx,
    orgId,
    connectionId,
    and(eq(jiraTickets.externalId, externalId), sql`${jiraTickets.jiraUpdatedAt} <= ${updatedAt.toISOString()}::timestamptz`)!,
  );
}

/**
 * Re-normalization after a mapping save or rollback: one UPDATE over the connection's tickets from their raw
 * values and the mapping jsonb in force (per-project override, then the mapping, else UNKNOWN; the same rule
 * as normalize-issue.ts). No Jira call. Rows already at the version are left alone, so a rerun costs nothing.
 */
export async function renormalizeTickets(orgId: string, connectionId: string): Promise<{ updated: number; version: number | null }> {
  const rows = await getDb().execute<{ version: number }>(sql`
    with mapping as (
      select id, config_version, status_mapping, priority_mapping, project_overrides
      from jira_connections where id = ${connectionId} and organization_id = ${orgId}
    ), changed as (
      update jira_tickets t set
        standard_status = coalesce(m.project_overrides -> t.project_key ->> t.status_id, m.status_mapping ->> t.status_id, 'UNKNOWN'),
        standard_priority = coalesce(m.priority_mapping ->> t.priority_id, 'UNKNOWN'),
        mapping_version = m.config_version
      from mapping m
      where t.connection_id = m.id and t.organization_id = ${orgId} and t.mapping_version <> m.config_version
      returning 1
    )
    select (select config_version from mapping) as version, (select count(*)::int from changed) as updated`);
  const row = rows[0] as { version: number | null; updated: number } | undefined;
  return { updated: row?.updated ?? 0, version: row?.version ?? null };
}

/** After the filter shrank: tickets of projects no longer in it stop being current. Empty filter = all projects. */
export async function markOutsideFilter(orgId: string, connectionId: string, projectFilter: string[]): Promise<number> {
  if (projectFilter.length === 0) return 0;
  return markOutOfScope(getDb(), orgId, connectionId, sql`${jiraTickets.projectKey} <> all(${sql.param(projectFilter)}::text[])`);
}

/** The connection's current tickets matching `which` stop being current (in_scope false); returns how many. */
async function markOutOfScope(db: Database | Transaction, orgId: string, connectionId: string, which: SQL): Promise<number> {
  const rows = await db
    .update(jiraTickets)
    .set({ inScope: false, lastSyncedAt: new Date() })
    .where(and(eq(jiraTickets.organizationId, orgId), eq(jiraTickets.connectionId, connectionId), eq(jiraTickets.inScope, true), which))
    .returning({ id: jiraTickets.id });
  return rows.length;
}

/** Current tickets (in the filter, not deleted) per standard status. */
export async function countTicketsByStandardStatus(orgId: string, connectionId: string): Promise<Record<string, number>> {
  const rows = await getDb()
    .select({ status: jiraTickets.standardStatus, count: sql<number>`count(*)::int` })
    .from(jiraTickets)
    .where(
      and(
        eq(jiraTickets.organizationId, orgId),
        eq(jiraTickets.connectionId, connectionId),
        eq(jiraTickets.inScope, true),
        isNull(jiraTickets.deletedAt),
      ),
    )
    .groupBy(jiraTickets.standardStatus);
  return Object.fromEntries(rows.map((row) => [row.status, row.count]));
}

/**
 * A failed step: the kind and Portico's own message, counted, with the time the failures began. Returns the
 * failure count, which sets the next attempt's back-off.
 */
export async function recordSyncFailure(orgId: string, connectionId: string, kind: string, message: string): Promise<number> {
  const now = new Date();
  const [row] = await getDb()
    .update(jiraSyncStates)
    .set({
      lastErrorKind: kind,
      lastErrorMessage: message,
      failureCount: sql`${jiraSyncStates.failureCount} + 1`,
      failingSince: sql`coalesce(${jiraSyncStates.failingSince}, ${now.toISOString()}::timestamptz)`,
      updatedAt: now,
    })
    .where(and(eq(jiraSyncStates.organizationId, orgId), eq(jiraSyncStates.connectionId, connectionId)))
    .returning({ failureCount: jiraSyncStates.failureCount });
  return row?.failureCount ?? 0;
}

/**
 * Forgets the given failure kinds of these connections' syncs and makes them due now: used by a new consent,
 * in its transaction, for the failures that consent fixed.
 */
export async function clearSyncFailures(tx: Transaction, connectionIds: string[], kinds: readonly string[]): Promise<void> {
  if (connectionIds.length === 0) return;
  const now = new Date();
  await tx
    .update(jiraSyncStates)
    .set({ lastErrorKind: null, lastErrorMessage: null, failureCount: 0, failingSince: null, nextRunAt: now, updatedAt: now })
    .where(and(inArray(jiraSyncStates.connectionId, connectionIds), inArray(jiraSyncStates.lastErrorKind, [...kinds])));
}

/**
 * Connections whose next sync is due: connected, not paused, next run unset or past. Bounded per tick; the
 * rest are due at the next one.
 */
export async function listDueSyncConnections(now: Date, limit = 1000): Promise<{ organizationId: string; connectionId: string }[]> {
  return getDb()
    .select({ organizationId: jiraConnections.organizationId, connectionId: jiraConnections.id })
    .from(jiraConnections)
    .leftJoin(jiraSyncStates, eq(jiraSyncStates.connectionId, jiraConnections.id))
    .where(
      and(
        eq(jiraConnections.status, 'connected'),
        sql`coalesce(${jiraSyncStates.paused}, false) = false`,
        sql`(${jiraSyncStates.nextRunAt} is null or ${jiraSyncStates.nextRunAt} <= ${now.toISOString()}::timestamptz)`,
      ),
    )
    .orderBy(sql`${jiraSyncStates.nextRunAt} asc nulls first`)
    .limit(limit);
}
