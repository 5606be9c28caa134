import 'server-only';
import { sql } from 'drizzle-orm';
import { getDb } from '@/db/client';
import type { Database } from '@/db/connect';
import { JOB_SCHEMA } from '@/db/job-engine-schema';

export type QueueDepth = { queue: string; state: 'created' | 'retry' | 'active' | 'failed'; count: number };

/**
 * Jobs per queue and state, straight from pg-boss's table (any worker's, any instance's): waiting
 * (`created`), waiting to retry, running, and failed in the last week (dead-letter queues' `created`
 * are the dead-lettered jobs). pg-boss's own queues are left out.
 */
export async function countJobsByQueue(db: Database = getDb()): Promise<QueueDepth[]> {
  const rows = await db.execute<{ name: string; state: QueueDepth['state']; count: string }>(sql`
    select name, state::text as state, count(*) as count
      from ${sql.identifier(JOB_SCHEMA)}.job
     where state in ('created', 'retry', 'active', 'failed') and name not like '\\_\\_pgboss%'
     group by name, state`);
  return rows.map((row) => ({ queue: row.name, state: row.state, count: Number(row.count) }));
}
