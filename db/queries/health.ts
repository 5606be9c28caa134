import 'server-only';
import { sql } from 'drizzle-orm';
import { getDb } from '@/db/client';
import type { Database } from '@/db/connect';
import { JOB_SCHEMA } from '@/db/job-engine-schema';

/**
 * Seconds since a job worker's scheduler last ticked, by the database's clock (no skew between hosts); null
 * when none ever did. pg-boss's timekeeper stamps `cron_on` about every 30 s while any worker runs: it is
 * the clock that enqueues every cron schedule, so its age says whether periodic work happens at all.
 */
export async function getJobEngineHeartbeatAge(db: Database = getDb()): Promise<number | null> {
  const [row] = await db.execute<{ age_secs: string | null }>(
    sql`select extract(epoch from now() - max(cron_on)) as age_secs from ${sql.identifier(JOB_SCHEMA)}.version`,
  );
  return row?.age_secs == null ? null : Math.max(0, Math.round(Number(row.age_secs)));
}

/** `created_at` of each applied migration: drizzle stores the journal entry's `when` there. */
export async function listAppliedMigrationTimes(db: Database = getDb()): Promise<number[]> {
  const rows = await db.execute<{ created_at: string }>(sql`select created_at from drizzle.__drizzle_migrations`);
  return rows.map((row) => Number(row.created_at));
}
