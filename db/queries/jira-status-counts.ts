import 'server-only';
import { and, eq, gt, inArray, lt, sql } from 'drizzle-orm';
import { getDb } from '../client';
import { jiraConnections, jiraStatusCounts } from '../schema';

/** Counts of these statuses within `scope` made less than `maxAgeMs` ago (database clock). */
export async function getFreshStatusCounts(
  orgId: string,
  connectionId: string,
  scope: string,
  statusIds: readonly string[],
  maxAgeMs: number,
): Promise<Record<string, number>> {
  if (statusIds.length === 0) return {};
  const rows = await getDb()
    .select({ statusId: jiraStatusCounts.statusId, count: jiraStatusCounts.count })
    .from(jiraStatusCounts)
    .where(
      and(
        eq(jiraStatusCounts.organizationId, orgId),
        eq(jiraStatusCounts.connectionId, connectionId),
        eq(jiraStatusCounts.scope, scope),
        inArray(jiraStatusCounts.statusId, [...statusIds]),
        gt(jiraStatusCounts.countedAt, sql`now() - make_interval(secs => ${maxAgeMs / 1000})`),
      ),
    );
  return Object.fromEntries(rows.map((row) => [row.statusId, row.count]));
}

/** Stores fresh counts for an organization's connection (nothing for another organization's). */
export async function saveStatusCounts(orgId: string, connectionId: string, scope: string, counts: Readonly<Record<string, number>>) {
  const entries = Object.entries(counts);
  if (entries.length === 0) return;
  const [connection] = await getDb()
    .select({ id: jiraConnections.id })
    .from(jiraConnections)
    .where(and(eq(jiraConnections.organizationId, orgId), eq(jiraConnections.id, connectionId)));
  if (!connection) return;
  await getDb()
    .insert(jiraStatusCounts)
    .values(entries.map(([statusId, count]) => ({ connectionId, organizationId: orgId, scope, statusId, count })))
    .onConflictDoUpdate({
      target: [jiraStatusCounts.connectionId, jiraStatusCounts.scope, jiraStatusCounts.statusId],
      set: { count: sql`excluded.count`, countedAt: sql`now()` },
    });
}

/** Counts made before `cutoff`, which no preview reads any more (one set of rows per filter ever previewed). */
export async function deleteStatusCountsBefore(cutoff: Date): Promise<void> {
  await getDb().delete(jiraStatusCounts).where(lt(jiraStatusCounts.countedAt, cutoff));
}
