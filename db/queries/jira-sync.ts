import 'server-only';
import { and, eq, inArray, isNull, sql } from 'drizzle-orm';
import type postgres from 'postgres';
import type { MappingInForce, NormalizedTicket } from '@/lib/integrations/jira/sync/normalize-issue';
import { isFailing, syncFailureRemedy } from '@/lib/integrations/jira/sync/sync-failure';
import { getDb } from '../client';
import { recordActivity, recordActivitySql } from './connection-activity';
import { connectionTargetColumns } from './jira-connections';
import { postgresClientOf, type Transaction } from '../connect';
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
  await getDb().transaction(async (tx) => {
    // A success that clears a failing sync is a sync.recovered event (docs/decisions/018-connection-events.md).
    const previous = values.failureCount === 0 ? await lockFailureState(tx, orgId, connectionId) : undefined;
    await tx
      .update(jiraSyncStates)
      .set({ ...values, updatedAt: new Date() })
      .where(and(eq(jiraSyncStates.organizationId, orgId), eq(jiraSyncStates.connectionId, connectionId)));
    if (previous && isFailing(previous.kind, previous.count)) {
      await recordActivity(tx, { organizationId: orgId, connectionId, action: 'sync_recovered', detail: { previousKind: previous.kind } });
    }
  });
}

async function lockFailureState(tx: Transaction, orgId: string, connectionId: string) {
  const [row] = await tx
    .select({ kind: jiraSyncStates.lastErrorKind, count: jiraSyncStates.failureCount })
    .from(jiraSyncStates)
    .where(and(eq(jiraSyncStates.organizationId, orgId), eq(jiraSyncStates.connectionId, connectionId)))
    .for('update');
  return row;
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

type Normalize = (mapping: MappingInForce) => NormalizedTicket[];

export type BackfillCommit = 'committed' | 'backfill_done' | 'lost_race';

/*
 * The commit path runs on the postgres.js client itself, not through drizzle: its tagged templates are prepared
 * once per pooled connection and then cost one round trip each, where drizzle's unprepared statements cost two
 * (postgres.js describes the parameters first) and a page's 100-row VALUES list was 2,200 parameters parsed and
 * planned anew every page. A page's commit is BEGIN, four statements, COMMIT.
 */
type TransactionSql = postgres.TransactionSql;

interface LockedSegment {
  jql: string;
  next_page_token: string | null;
  completed_at: string | null;
  version: number;
  status_mapping: Record<string, string>;
  priority_mapping: Record<string, string>;
  project_overrides: Record<string, Record<string, string>>;
}

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
  return getDb().$client.begin(async (sql): Promise<BackfillCommit> => {
    // The segment's cursor locked for the compare-and-set, and the mapping read under FOR SHARE so a mapping save
    // waits for this commit: tickets are written with the version in force when they land, and the
    // re-normalization the save enqueues sees them.
    // Asynchronous commit, for this transaction only: it does not wait for the WAL flush. A PostgreSQL crash may
    // lose the last moment's commits, but a page's tickets and its cursor are one transaction, lost together,
    // so the page is read again: no gap, no duplicate. (A killed worker loses nothing either way.)
    const [segment] = await sql<LockedSegment[]>`
      select set_config('synchronous_commit', 'off', true), s.jql, s.next_page_token, s.completed_at, c.config_version as version, c.status_mapping, c.priority_mapping, c.project_overrides
      from jira_sync_backfill_segments s
      join jira_connections c on c.id = s.connection_id and c.organization_id = s.organization_id
      where s.organization_id = ${orgId}::uuid and s.connection_id = ${connectionId}::uuid and s.segment = ${cursor.segment}::int
      for update of s for share of c`;
    if (!segment || segment.completed_at || segment.jql !== cursor.jql || segment.next_page_token !== cursor.pageToken) return 'lost_race';
    const tickets = page.normalize({
      version: segment.version,
      statusMapping: segment.status_mapping,
      priorityMapping: segment.priority_mapping,
      projectOverrides: segment.project_overrides,
    });
    await upsertTickets(sql, orgId, connectionId, tickets);
    const last = page.nextPageToken === null;
    // drizzle hands the client timestamps as text both ways (its driver swaps postgres.js's date serializers).
    const now = new Date().toISOString();
    // The cursor moves and the state row is locked in one statement (the segment row is already locked).
    await sql`
      with moved as (
        update jira_sync_backfill_segments set next_page_token = ${page.nextPageToken}::text, pages = pages + 1, completed_at = ${last ? now : null}::timestamptz
        where connection_id = ${connectionId}::uuid and segment = ${cursor.segment}::int
      )
      update jira_sync_states set backfill_done = backfill_done + ${tickets.length}::int, updated_at = ${now}::timestamptz
      where connection_id = ${connectionId}::uuid`;
    if (!last) return 'committed';
    // A statement of its own, after the state row's lock: two segments ending at once are serialized on that
    // lock, and this fresh snapshot sees the first one's commit (a CTE of the statement above would not).
    const [open] = await sql<{ n: number }[]>`
      select count(*)::int as n from jira_sync_backfill_segments where connection_id = ${connectionId}::uuid and completed_at is null`;
    if ((open?.n ?? 0) > 0) return 'committed';
    const [previous] = await sql<{ kind: string | null; count: number }[]>`
      select last_error_kind as kind, failure_count as count from jira_sync_states where connection_id = ${connectionId}::uuid`;
    await sql`
      update jira_sync_states set phase = 'incremental', backfill_jql = null, backfill_completed_at = ${now}::timestamptz,
        last_success_at = ${now}::timestamptz, last_error_kind = null, last_error_message = null, failure_count = 0, failing_since = null
      where connection_id = ${connectionId}::uuid`;
    await recordActivitySql(sql, [
      { organizationId: orgId, connectionId, action: 'backfill_completed', detail: {} },
      ...(previous && isFailing(previous.kind, previous.count) ? [{ organizationId: orgId, connectionId, action: 'sync_recovered', detail: { previousKind: previous.kind } }] : []),
    ]);
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
  return getDb().$client.begin(async (sql) => {
    // Under FOR SHARE, as for a backfill page: a mapping save waits for this commit.
    const [mapping] = await sql<{ version: number; status_mapping: Record<string, string>; priority_mapping: Record<string, string>; project_overrides: Record<string, Record<string, string>> }[]>`
      select config_version as version, status_mapping, priority_mapping, project_overrides
      from jira_connections where organization_id = ${orgId}::uuid and id = ${connectionId}::uuid for share`;
    if (!mapping) return { changed: 0, movedOut: 0 };
    const tickets = page.normalize({
      version: mapping.version,
      statusMapping: mapping.status_mapping,
      priorityMapping: mapping.priority_mapping,
      projectOverrides: mapping.project_overrides,
    });
    await upsertTickets(sql, orgId, connectionId, tickets);
    const movedOut = page.movedOutIds.length ? await markOutOfScope(sql, orgId, connectionId, { externalIds: page.movedOutIds }) : 0;
    return { changed: tickets.length, movedOut };
  });
}

/**
 * One INSERT … SELECT for the whole page, its rows in one json parameter (one statement text, so one plan per
 * pooled connection). A row only moves forward: an answer older than what is stored (a page read before an
 * edit, committed after the edit's poll) leaves the stored version alone.
 */
async function upsertTickets(sql: TransactionSql, orgId: string, connectionId: string, tickets: NormalizedTicket[]): Promise<number> {
  if (tickets.length === 0) return 0;
  const written = await sql`
    insert into jira_tickets (organization_id, connection_id, external_id, key, project_id, project_key, title, status_id, status_name,
      status_category, priority_id, priority_name, issue_type_id, issue_type_name, standard_status, standard_priority, mapping_version,
      assignee_account_id, assignee_name, reporter_account_id, reporter_name, vendor_attributes, jira_created_at, jira_updated_at,
      in_scope, first_synced_at, last_synced_at)
    select ${orgId}::uuid, ${connectionId}::uuid, r."externalId", r."key", r."projectId", r."projectKey", r."title", r."statusId", r."statusName",
      r."statusCategory", r."priorityId", r."priorityName", r."issueTypeId", r."issueTypeName", r."standardStatus", r."standardPriority", r."mappingVersion",
      r."assigneeAccountId", r."assigneeName", r."reporterAccountId", r."reporterName", r."vendorAttributes", r."jiraCreatedAt", r."jiraUpdatedAt",
      true, now(), now()
    from json_to_recordset(${JSON.stringify(tickets)}::json) as r("externalId" text, "key" text, "projectId" text, "projectKey" text,
      "title" text, "statusId" text, "statusName" text, "statusCategory" text, "priorityId" text, "priorityName" text, "issueTypeId" text,
      "issueTypeName" text, "standardStatus" text, "standardPriority" text, "mappingVersion" int, "assigneeAccountId" text, "assigneeName" text,
      "reporterAccountId" text, "reporterName" text, "vendorAttributes" jsonb, "jiraCreatedAt" timestamptz, "jiraUpdatedAt" timestamptz)
    on conflict (connection_id, external_id) do update set
      key = excluded.key, project_id = excluded.project_id, project_key = excluded.project_key, title = excluded.title,
      status_id = excluded.status_id, status_name = excluded.status_name, status_category = excluded.status_category,
      priority_id = excluded.priority_id, priority_name = excluded.priority_name, issue_type_id = excluded.issue_type_id,
      issue_type_name = excluded.issue_type_name, standard_status = excluded.standard_status, standard_priority = excluded.standard_priority,
      mapping_version = excluded.mapping_version, assignee_account_id = excluded.assignee_account_id, assignee_name = excluded.assignee_name,
      reporter_account_id = excluded.reporter_account_id, reporter_name = excluded.reporter_name, vendor_attributes = excluded.vendor_attributes,
      jira_created_at = excluded.jira_created_at, jira_updated_at = excluded.jira_updated_at, in_scope = true, deleted_at = null,
      last_synced_at = excluded.last_synced_at
    where jira_tickets.organization_id = ${orgId}::uuid and jira_tickets.jira_updated_at <= excluded.jira_updated_at`;
  return written.count;
}

/** What a webhook delivery's job needs to know about its connection, read under FOR SHARE like a page commit. */
export async function getWebhookTarget(tx: Transaction, orgId: string, connectionId: string) {
  // The mapping read under FOR SHARE with the connection, as a page commit reads it: a mapping save waits.
  const [row] = await tx
    .select({
      status: jiraConnections.status,
      projectFilter: jiraConnections.projectFilter,
      version: jiraConnections.configVersion,
      statusMapping: jiraConnections.statusMapping,
      priorityMapping: jiraConnections.priorityMapping,
      projectOverrides: jiraConnections.projectOverrides,
    })
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
  const { status, projectFilter, ...mapping } = row;
  return { status, projectFilter, paused: state?.paused ?? false, mapping: mapping satisfies MappingInForce };
}

/**
 * One issue from a webhook, through the same upsert as the sync's pages: a payload older than the stored
 * version writes nothing (returns false), a newer one makes a deleted ticket current again.
 */
export async function upsertWebhookTicket(tx: Transaction, orgId: string, connectionId: string, ticket: NormalizedTicket): Promise<boolean> {
  return (await upsertTickets(postgresClientOf(tx), orgId, connectionId, [ticket])) > 0;
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
  const rows = await tx
    .update(jiraTickets)
    .set({ inScope: false, lastSyncedAt: new Date() })
    .where(
      and(
        eq(jiraTickets.organizationId, orgId),
        eq(jiraTickets.connectionId, connectionId),
        eq(jiraTickets.externalId, externalId),
        eq(jiraTickets.inScope, true),
        sql`${jiraTickets.jiraUpdatedAt} <= ${updatedAt.toISOString()}::timestamptz`,
      ),
    )
    .returning({ id: jiraTickets.id });
  return rows.length;
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
  return markOutOfScope(getDb().$client, orgId, connectionId, { outsideProjects: projectFilter });
}

/** The connection's current tickets with these ids, or outside these projects, stop being current (in_scope false); returns how many. */
async function markOutOfScope(
  sql: postgres.Sql | TransactionSql,
  orgId: string,
  connectionId: string,
  which: { externalIds: string[] } | { outsideProjects: string[] },
): Promise<number> {
  const ids = 'externalIds' in which ? which.externalIds : null;
  const projects = 'outsideProjects' in which ? which.outsideProjects : null;
  const rows = await sql`
    update jira_tickets set in_scope = false, last_synced_at = now()
    where organization_id = ${orgId}::uuid and connection_id = ${connectionId}::uuid and in_scope
      and (${ids}::text[] is null or external_id = any(${ids}::text[]))
      and (${projects}::text[] is null or project_key <> all(${projects}::text[]))`;
  return rows.count;
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
  return getDb().transaction(async (tx) => {
    const previous = await lockFailureState(tx, orgId, connectionId);
    const count = await incrementSyncFailure(tx, orgId, connectionId, kind, message);
    // sync.failed once per failing streak: when the sync starts to count as failing (transient kinds repeat first).
    if (previous && !isFailing(previous.kind, previous.count) && isFailing(kind, count)) {
      await recordActivity(tx, { organizationId: orgId, connectionId, action: 'sync_failed', detail: { kind, remedy: syncFailureRemedy(kind) } });
    }
    return count;
  });
}

async function incrementSyncFailure(tx: Transaction, orgId: string, connectionId: string, kind: string, message: string): Promise<number> {
  const now = new Date();
  const [row] = await tx
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
