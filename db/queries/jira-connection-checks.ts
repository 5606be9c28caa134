import 'server-only';
import { and, eq, sql } from 'drizzle-orm';
import { getDb } from '../client';
import { jiraConnectionChecks, jiraConnections, type StoredConnectionCheck } from '../schema';

/**
 * The last stored check answer, its age on the database clock, and whether the connection is unchanged
 * since (`current`: no reconnect, disconnect or status change in between).
 */
export async function getLastConnectionCheck(orgId: string, connectionId: string) {
  const [row] = await getDb()
    .select({
      result: jiraConnectionChecks.result,
      checkedAt: jiraConnectionChecks.checkedAt,
      ageMs: sql<number>`(extract(epoch from now() - ${jiraConnectionChecks.checkedAt}) * 1000)::float8`,
      current: sql<boolean>`${jiraConnectionChecks.connectionUpdatedAt} = ${jiraConnections.updatedAt}`,
    })
    .from(jiraConnectionChecks)
    .innerJoin(jiraConnections, eq(jiraConnections.id, jiraConnectionChecks.connectionId))
    .where(and(eq(jiraConnectionChecks.organizationId, orgId), eq(jiraConnectionChecks.connectionId, connectionId)));
  return row ? { ...row, ageMs: Number(row.ageMs) } : undefined;
}

export type LastConnectionCheck = NonNullable<Awaited<ReturnType<typeof getLastConnectionCheck>>>;

/** Stores a check's answer for an organization's connection (nothing for another organization's). */
export async function saveConnectionCheck(orgId: string, connectionId: string, result: StoredConnectionCheck): Promise<void> {
  await getDb().execute(sql`
    insert into ${jiraConnectionChecks} (connection_id, organization_id, result, checked_at, connection_updated_at)
    select ${jiraConnections.id}, ${jiraConnections.organizationId}, ${JSON.stringify(result)}::jsonb, now(), ${jiraConnections.updatedAt}
      from ${jiraConnections}
     where ${jiraConnections.organizationId} = ${orgId} and ${jiraConnections.id} = ${connectionId}
    on conflict (connection_id) do update
      set result = excluded.result, checked_at = excluded.checked_at, connection_updated_at = excluded.connection_updated_at`);
}
