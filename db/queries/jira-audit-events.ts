import 'server-only';
import { and, count, desc, eq, inArray, or, sql, type SQL } from 'drizzle-orm';
import { getDb } from '../client';
import { jiraAuditEvents, jiraConfigVersions, users } from '../schema';

const likePattern = (text: string) => `%${text.replace(/[\\%_]/g, (char) => `\\${char}`)}%`;

export interface AuditEventSearch {
  /** Matches the actor's name and the event's details (site, summary, reason…). */
  text: string;
  /** Action codes whose label matches the same words (the sentences are written in code, not stored). */
  actions: string[];
  offset: number;
  limit: number;
}

/** One page of a connection's audit log, newest first, and how many events match in all. */
export async function listAuditEventsPage(orgId: string, connectionId: string, search: AuditEventSearch) {
  const conditions: (SQL | undefined)[] = [eq(jiraAuditEvents.organizationId, orgId), eq(jiraAuditEvents.connectionId, connectionId)];
  if (search.text) {
    const pattern = likePattern(search.text);
    conditions.push(
      or(
        sql`${users.name} ilike ${pattern}`,
        sql`${jiraAuditEvents.detail}::text ilike ${pattern}`,
        search.actions.length ? inArray(jiraAuditEvents.action, search.actions) : undefined,
      ),
    );
  }
  const where = and(...conditions);
  const [events, [total]] = await Promise.all([
    getDb()
      .select({
        id: jiraAuditEvents.id,
        action: jiraAuditEvents.action,
        detail: jiraAuditEvents.detail,
        createdAt: jiraAuditEvents.createdAt,
        actorName: users.name,
      })
      .from(jiraAuditEvents)
      .leftJoin(users, eq(users.id, jiraAuditEvents.actorUserId))
      .where(where)
      // The id breaks ties between events of one transaction, so a page boundary never repeats or skips one.
      .orderBy(desc(jiraAuditEvents.createdAt), desc(jiraAuditEvents.id))
      .offset(search.offset)
      .limit(search.limit),
    getDb().select({ count: count() }).from(jiraAuditEvents).leftJoin(users, eq(users.id, jiraAuditEvents.actorUserId)).where(where),
  ]);
  return { events, total: total?.count ?? 0 };
}

/** The stored configurations of the given versions, to diff a save against the version before it. */
export async function listConfigVersionsByNumber(orgId: string, connectionId: string, versions: number[]) {
  if (versions.length === 0) return [];
  return getDb()
    .select({
      version: jiraConfigVersions.version,
      projectFilter: jiraConfigVersions.projectFilter,
      statusMapping: jiraConfigVersions.statusMapping,
      priorityMapping: jiraConfigVersions.priorityMapping,
      projectOverrides: jiraConfigVersions.projectOverrides,
    })
    .from(jiraConfigVersions)
    .where(
      and(
        eq(jiraConfigVersions.organizationId, orgId),
        eq(jiraConfigVersions.connectionId, connectionId),
        inArray(jiraConfigVersions.version, versions),
      ),
    );
}
