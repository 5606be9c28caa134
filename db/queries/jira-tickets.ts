import 'server-only';
import { and, eq, gte, inArray, isNull, lt, or, sql, type SQL } from 'drizzle-orm';
import type { TicketCursorKey } from '@/lib/tickets/ticket-cursor';
import type { TicketFilters } from '@/lib/tickets/ticket-filters';
import { isUuid } from '@/lib/validation/uuid';
import { getDb } from '../client';
import { jiraConnections, jiraTickets } from '../schema';

/*
 * Reads of synced Jira issues, for the Tickets page and /api/v1/tickets. Every query is scoped to one
 * organization. Lists are keyset-paginated over the index (organization_id, jira_updated_at desc nulls last,
 * id): the ORDER BY below spells the index's exact order, or PostgreSQL would sort the whole organization.
 */

const ticketColumns = {
  id: jiraTickets.id,
  connectionId: jiraTickets.connectionId,
  siteUrl: jiraConnections.siteUrl,
  externalId: jiraTickets.externalId,
  key: jiraTickets.key,
  projectId: jiraTickets.projectId,
  projectKey: jiraTickets.projectKey,
  title: jiraTickets.title,
  statusId: jiraTickets.statusId,
  statusName: jiraTickets.statusName,
  statusCategory: jiraTickets.statusCategory,
  priorityId: jiraTickets.priorityId,
  priorityName: jiraTickets.priorityName,
  issueTypeId: jiraTickets.issueTypeId,
  issueTypeName: jiraTickets.issueTypeName,
  standardStatus: jiraTickets.standardStatus,
  standardPriority: jiraTickets.standardPriority,
  assigneeAccountId: jiraTickets.assigneeAccountId,
  assigneeName: jiraTickets.assigneeName,
  reporterAccountId: jiraTickets.reporterAccountId,
  reporterName: jiraTickets.reporterName,
  vendorAttributes: jiraTickets.vendorAttributes,
  jiraCreatedAt: jiraTickets.jiraCreatedAt,
  jiraUpdatedAt: jiraTickets.jiraUpdatedAt,
  inScope: jiraTickets.inScope,
  deletedAt: jiraTickets.deletedAt,
  // The cursor needs the stored microseconds; a JS Date keeps milliseconds only.
  updatedAtKey: sql<string>`to_char(${jiraTickets.jiraUpdatedAt} at time zone 'UTC', 'YYYY-MM-DD"T"HH24:MI:SS.US"Z"')`,
};

export type TicketRow = Omit<Awaited<ReturnType<typeof selectTickets>>[number], 'updatedAtKey'>;

function selectTickets() {
  return getDb().select(ticketColumns).from(jiraTickets).innerJoin(jiraConnections, eq(jiraConnections.id, jiraTickets.connectionId));
}

const ISSUE_KEY = /^[A-Za-z][A-Za-z0-9_]{1,9}-\d+$/;

/** LIKE's wildcards typed by a user are literal characters. */
const likePattern = (text: string) => `%${text.replace(/[\\%_]/g, (char) => `\\${char}`)}%`;

function filterConditions(orgId: string, filters: TicketFilters): SQL[] {
  const conditions: (SQL | undefined)[] = [eq(jiraTickets.organizationId, orgId)];
  if (filters.connectionId) conditions.push(eq(jiraTickets.connectionId, filters.connectionId));
  if (filters.projectKey) conditions.push(eq(jiraTickets.projectKey, filters.projectKey));
  if (filters.statuses?.length) conditions.push(inArray(jiraTickets.standardStatus, filters.statuses));
  if (filters.priorities?.length) conditions.push(inArray(jiraTickets.standardPriority, filters.priorities));
  if (filters.updatedFrom) conditions.push(gte(jiraTickets.jiraUpdatedAt, filters.updatedFrom));
  if (filters.updatedTo) conditions.push(lt(jiraTickets.jiraUpdatedAt, filters.updatedTo));
  if (filters.search) {
    const pattern = likePattern(filters.search);
    // A whole key ("ops-12") means that issue, not OPS-120 to OPS-129 as well.
    const byKey = ISSUE_KEY.test(filters.search)
      ? eq(jiraTickets.key, filters.search.toUpperCase())
      : sql`${jiraTickets.key} ilike ${pattern}`;
    conditions.push(or(byKey, sql`${jiraTickets.title} ilike ${pattern}`));
  }
  if (!filters.includeDeleted) conditions.push(isNull(jiraTickets.deletedAt));
  if (!filters.includeOutOfScope) conditions.push(eq(jiraTickets.inScope, true));
  return conditions.filter((condition): condition is SQL => condition !== undefined);
}

export interface TicketPage {
  tickets: TicketRow[];
  /** Set when older tickets follow: the key of the last one shown. */
  next: TicketCursorKey | null;
  /** Set when newer tickets precede: the key of the first one shown. */
  previous: TicketCursorKey | null;
}

export type TicketPageRequest = { direction: 'after' | 'before'; key: TicketCursorKey } | null;

/**
 * One page of tickets, newest update first. `page.direction` 'after' continues past a key (older), 'before'
 * goes back from one (newer): read in reverse index order, then flipped.
 */
export async function listTickets(orgId: string, filters: TicketFilters, page: TicketPageRequest, limit: number): Promise<TicketPage> {
  if (filters.connectionId && !isUuid(filters.connectionId)) return { tickets: [], next: null, previous: null };
  const rows = await listTicketsQuery(orgId, filters, page, limit);
  const backwards = page?.direction === 'before';
  const more = rows.length > limit;
  const shown = rows.slice(0, limit);
  if (backwards) shown.reverse();
  const keyOf = (row: (typeof rows)[number] | undefined) => (row ? { updatedAt: row.updatedAtKey, id: row.id } : null);
  const tickets = shown.map(({ updatedAtKey: _key, ...ticket }) => ticket);
  return backwards
    ? { tickets, next: keyOf(shown.at(-1)), previous: more ? keyOf(shown[0]) : null }
    : { tickets, next: more ? keyOf(shown.at(-1)) : null, previous: page ? keyOf(shown[0]) : null };
}

/** The list's one query (limit + 1 rows, to know whether more follow); exported for the benchmark's EXPLAIN. */
export function listTicketsQuery(orgId: string, filters: TicketFilters, page: TicketPageRequest, limit: number) {
  const conditions = filterConditions(orgId, filters);
  const backwards = page?.direction === 'before';
  if (page) {
    const at = sql`${page.key.updatedAt}::timestamptz`;
    // Expanded rather than a row comparison: the index orders the two columns in opposite directions.
    conditions.push(
      backwards
        ? sql`${jiraTickets.jiraUpdatedAt} >= ${at} and (${jiraTickets.jiraUpdatedAt} > ${at} or ${jiraTickets.id} < ${page.key.id})`
        : sql`${jiraTickets.jiraUpdatedAt} <= ${at} and (${jiraTickets.jiraUpdatedAt} < ${at} or ${jiraTickets.id} > ${page.key.id})`,
    );
  }
  const order = backwards
    ? [sql`${jiraTickets.jiraUpdatedAt} asc nulls first`, sql`${jiraTickets.id} desc`]
    : [sql`${jiraTickets.jiraUpdatedAt} desc nulls last`, sql`${jiraTickets.id} asc`];
  return selectTickets()
    .where(and(...conditions))
    .orderBy(...order)
    .limit(limit + 1);
}

/** How many tickets match, counted up to `cap` (then "1,000+"): an exact count of a large set costs a long scan. */
export async function countTickets(orgId: string, filters: TicketFilters, cap = 1_000): Promise<{ count: number; capped: boolean }> {
  if (filters.connectionId && !isUuid(filters.connectionId)) return { count: 0, capped: false };
  const matching = getDb()
    .select({ one: sql`1` })
    .from(jiraTickets)
    .where(and(...filterConditions(orgId, filters)))
    .limit(cap + 1)
    .as('matching');
  const [row] = await getDb().select({ count: sql<number>`count(*)::int` }).from(matching);
  const count = row?.count ?? 0;
  return count > cap ? { count: cap, capped: true } : { count, capped: false };
}

/** One ticket of the organization, deleted or out of scope included; undefined for any other id. */
export async function getTicket(orgId: string, ticketId: string): Promise<TicketRow | undefined> {
  if (!isUuid(ticketId)) return undefined;
  const [row] = await selectTickets().where(and(eq(jiraTickets.organizationId, orgId), eq(jiraTickets.id, ticketId)));
  if (!row) return undefined;
  const { updatedAtKey: _key, ...ticket } = row;
  return ticket;
}

/** Current tickets per Jira status id and priority id of one connection, for the mapping editor. */
export async function countTicketsByJiraValue(
  orgId: string,
  connectionId: string,
): Promise<{ statuses: Record<string, number>; priorities: Record<string, number> }> {
  if (!isUuid(connectionId)) return { statuses: {}, priorities: {} };
  const current = and(
    eq(jiraTickets.organizationId, orgId),
    eq(jiraTickets.connectionId, connectionId),
    isNull(jiraTickets.deletedAt),
    eq(jiraTickets.inScope, true),
  );
  const count = sql<number>`count(*)::int`;
  const [statuses, priorities] = await Promise.all([
    getDb().select({ id: jiraTickets.statusId, count }).from(jiraTickets).where(current).groupBy(jiraTickets.statusId),
    getDb().select({ id: jiraTickets.priorityId, count }).from(jiraTickets).where(current).groupBy(jiraTickets.priorityId),
  ]);
  return {
    statuses: Object.fromEntries(statuses.map((row) => [row.id, row.count])),
    priorities: Object.fromEntries(priorities.flatMap((row) => (row.id ? [[row.id, row.count]] : []))),
  };
}

/**
 * The project keys the organization's tickets belong to, per connection, for the Tickets page's filter. A
 * loose index scan over (connection_id, project_key): a few index probes per project, not a pass over 100,000
 * rows.
 */
export async function listTicketProjects(orgId: string): Promise<{ connectionId: string; projectKey: string }[]> {
  const rows = await getDb().execute<{ connection_id: string; project_key: string }>(sql`
    select c.id as connection_id, p.key as project_key
    from ${jiraConnections} c
    cross join lateral (
      with recursive keys(key) as (
        (select t.project_key from ${jiraTickets} t where t.connection_id = c.id order by t.project_key limit 1)
        union all
        select (select t.project_key from ${jiraTickets} t where t.connection_id = c.id and t.project_key > keys.key order by t.project_key limit 1)
        from keys where keys.key is not null
      )
      select key from keys where key is not null
    ) p
    where c.organization_id = ${orgId}
    order by p.key, c.id`);
  return rows.map((row) => ({ connectionId: row.connection_id, projectKey: row.project_key }));
}

/**
 * What the mapping preview needs once the backfill has completed: current tickets per Jira status id within
 * the project keys ([] = every project), and the most recently updated of them, read from PostgreSQL only.
 */
export async function previewFromTickets(orgId: string, connectionId: string, projectKeys: readonly string[], sampleSize: number) {
  const current = and(
    eq(jiraTickets.organizationId, orgId),
    eq(jiraTickets.connectionId, connectionId),
    isNull(jiraTickets.deletedAt),
    eq(jiraTickets.inScope, true),
    projectKeys.length ? inArray(jiraTickets.projectKey, [...projectKeys]) : undefined,
  );
  const [statuses, recent] = await Promise.all([
    getDb().select({ id: jiraTickets.statusId, count: sql<number>`count(*)::int` }).from(jiraTickets).where(current).groupBy(jiraTickets.statusId),
    getDb()
      .select({
        key: jiraTickets.key,
        summary: jiraTickets.title,
        projectKey: jiraTickets.projectKey,
        statusId: jiraTickets.statusId,
        statusName: jiraTickets.statusName,
        priorityId: jiraTickets.priorityId,
        priorityName: jiraTickets.priorityName,
      })
      .from(jiraTickets)
      .where(current)
      .orderBy(sql`${jiraTickets.jiraUpdatedAt} desc`, jiraTickets.id)
      .limit(sampleSize),
  ]);
  return { counts: Object.fromEntries(statuses.map((row) => [row.id, row.count])) as Record<string, number>, issues: recent };
}
