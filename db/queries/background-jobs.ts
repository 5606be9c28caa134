import 'server-only';
import { sql } from 'drizzle-orm';
import { getDb } from '@/db/client';
import type { Transaction } from '@/db/connect';
import { JOB_SCHEMA } from '@/db/job-engine-schema';
import { DEAD_LETTER_SUFFIX } from '@/lib/jobs/define-job';

export interface FailedJob {
  id: string;
  /** The job's kind (its queue), dead-letter suffix removed. */
  job: string;
  state: 'retrying' | 'dead_lettered';
  /** The connection it was about, when it concerned one (site name as the organization knows it). */
  connection: { id: string; siteName: string } | null;
  error: { message: string; kind: string | null };
  attempts: number | null;
  /** When it was dead-lettered, or when its last attempt failed. */
  failedAt: Date;
  /** Retrying only: when the next attempt is due. */
  nextAttemptAt: Date | null;
}

const jobs = sql.identifier(JOB_SCHEMA);
const deadLetterPattern = `%${DEAD_LETTER_SUFFIX}`;

/**
 * The organization's jobs that failed: dead-lettered ones (their retries spent; pg-boss keeps them two
 * weeks) and ones waiting to retry after a failure. Only jobs whose payload names the organization; only
 * the sanitized failure the worker stored (lib/jobs/job-failure.ts), never the payload itself.
 */
export async function listFailedJobs(orgId: string, limit = 100): Promise<FailedJob[]> {
  const rows = await getDb().execute<{
    id: string;
    name: string;
    dead: boolean;
    connection_id: string | null;
    site_name: string | null;
    message: string | null;
    kind: string | null;
    attempts: number | null;
    failed_at: Date | string;
    next_attempt_at: Date | string | null;
  }>(sql`
    select j.id, j.name, j.name like ${deadLetterPattern} as dead,
           c.id as connection_id, c.site_name,
           j.output->>'message' as message, j.output->>'kind' as kind, (j.output->>'attempts')::int as attempts,
           case when j.name like ${deadLetterPattern} then j.created_on else coalesce(j.completed_on, j.started_on, j.created_on) end as failed_at,
           case when j.state = 'retry' then j.start_after end as next_attempt_at
      from ${jobs}.job j
      left join jira_connections c on c.id::text = j.data->>'connectionId' and c.organization_id = ${orgId}
     where j.data->>'organizationId' = ${orgId}
       and ((j.name like ${deadLetterPattern} and j.state = 'created') or (j.name not like ${deadLetterPattern} and j.state = 'retry'))
     order by failed_at desc
     limit ${limit}`);
  return rows.map((row) => ({
    id: row.id,
    job: row.dead ? row.name.slice(0, -DEAD_LETTER_SUFFIX.length) : row.name,
    state: row.dead ? 'dead_lettered' : 'retrying',
    connection: row.connection_id && row.site_name ? { id: row.connection_id, siteName: row.site_name } : null,
    error: { message: row.message ?? 'The job failed without a message.', kind: row.kind },
    attempts: row.attempts,
    failedAt: new Date(row.failed_at),
    nextAttemptAt: row.next_attempt_at ? new Date(row.next_attempt_at) : null,
  }));
}

/**
 * Locks and returns one of the organization's dead-lettered jobs (its kind and payload), or null when it is
 * not the organization's, not dead-lettered, or already taken back by another admin's retry.
 */
export async function lockDeadLetteredJob(tx: Transaction, orgId: string, id: string): Promise<{ queue: string; job: string; data: unknown } | null> {
  const [row] = await tx.execute<{ name: string; data: unknown }>(sql`
    select name, data from ${jobs}.job
     where id = ${id} and name like ${deadLetterPattern} and state = 'created' and data->>'organizationId' = ${orgId}
     for update skip locked`);
  return row ? { queue: row.name, job: row.name.slice(0, -DEAD_LETTER_SUFFIX.length), data: row.data } : null;
}

export async function deleteDeadLetteredJob(tx: Transaction, queue: string, id: string): Promise<void> {
  await tx.execute(sql`delete from ${jobs}.job where name = ${queue} and id = ${id}`);
}
