import 'server-only';
import { sql } from 'drizzle-orm';
import { getDb } from '@/db/client';
import type { Database } from '@/db/connect';
import { schedulerHeartbeats } from '@/db/schema';

/** Rows of processes gone for a day are deleted by the next beat of any process. */
export async function recordSchedulerHeartbeat(instanceId: string, db: Database = getDb()): Promise<void> {
  await db
    .insert(schedulerHeartbeats)
    .values({ instanceId })
    .onConflictDoUpdate({ target: schedulerHeartbeats.instanceId, set: { beatAt: sql`now()` } });
  await db.delete(schedulerHeartbeats).where(sql`${schedulerHeartbeats.beatAt} < now() - interval '1 day'`);
}

/** Seconds since the newest beat of any process, by the database's clock (no skew between hosts); null when none ever beat. */
export async function getSchedulerHeartbeatAge(db: Database = getDb()): Promise<number | null> {
  const [row] = await db
    .select({ ageSecs: sql<string | null>`extract(epoch from now() - max(${schedulerHeartbeats.beatAt}))` })
    .from(schedulerHeartbeats);
  return row?.ageSecs == null ? null : Math.max(0, Math.round(Number(row.ageSecs)));
}

/** `created_at` of each applied migration: drizzle stores the journal entry's `when` there. */
export async function listAppliedMigrationTimes(db: Database = getDb()): Promise<number[]> {
  const rows = await db.execute<{ created_at: string }>(sql`select created_at from drizzle.__drizzle_migrations`);
  return rows.map((row) => Number(row.created_at));
}

/**
 * Work the periodic schedules have waiting (the queue depth for the metrics): connections whose
 * scheduled diagnostics are due, and grants idle long enough for the keep-alive refresh.
 */
export async function countDueSchedules(db: Database = getDb()): Promise<Record<'diagnostics' | 'keep_alive', number>> {
  const [row] = await db.execute<{ diagnostics: string; keep_alive: string }>(sql`
    select
      (select count(*) from jira_connections
        where status <> 'disconnected' and status <> 'pending_authorization'
          and (diagnostics_due_at is null or diagnostics_due_at <= now())) as diagnostics,
      (select count(*) from jira_grants
        where status = 'active' and refresh_token_ciphertext is not null
          and (last_refreshed_at is null or last_refreshed_at < now() - interval '7 days')) as keep_alive`);
  return { diagnostics: Number(row?.diagnostics ?? 0), keep_alive: Number(row?.keep_alive ?? 0) };
}
