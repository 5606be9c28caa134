import 'server-only';
import PgBoss from 'pg-boss';
import type postgres from 'postgres';
import { getDb } from '@/db/client';
import type { Transaction } from '@/db/connect';
import { JOB_SCHEMA } from '@/db/job-engine-schema';
import { deadLetterQueueOf, type AnyJobDefinition } from './define-job';

/** pg-boss runs its SQL through this: the app's postgres.js pool, or the connection of a drizzle transaction. */
export function sqlExecutor(client: postgres.Sql | postgres.TransactionSql): PgBoss.Db {
  return {
    // pg-boss's statements number their parameters like node-postgres ($1…); postgres.js `unsafe` takes the same.
    executeSql: async (text, values) => ({ rows: await client.unsafe(text, (values ?? []).map(asPgText)) }),
  };
}

/**
 * Parameters as node-postgres (pg-boss's own driver) sends them: drizzle's postgres.js client passes json and
 * timestamp parameters through as they are, so objects, dates and arrays become their text forms here.
 */
function asPgText(value: unknown): string | number | boolean | null {
  if (value === null || value === undefined) return null;
  if (typeof value === 'string' || typeof value === 'number' || typeof value === 'boolean') return value;
  if (value instanceof Date) return value.toISOString();
  if (Array.isArray(value)) return `{${value.map((item) => (item === null ? 'NULL' : JSON.stringify(String(item)))).join(',')}}`;
  return JSON.stringify(value);
}

/**
 * The connection a drizzle transaction runs on. drizzle keeps it on the transaction's session; reaching it
 * lets a job be enqueued in the same commit as the rows it is about (or not at all, on rollback).
 */
export function transactionClient(tx: Transaction): postgres.TransactionSql {
  const client = (tx as unknown as { session?: { client?: postgres.TransactionSql } }).session?.client;
  if (!client || typeof client.unsafe !== 'function') throw new Error('enqueue(): not a drizzle postgres-js transaction.');
  return client;
}

interface JobClient {
  databaseUrl: string | undefined;
  boss: PgBoss;
  /** Queues known to exist, by job name. */
  ready: Map<string, Promise<void>>;
}

const globalForJobs = globalThis as unknown as { porticoJobClient?: JobClient };

/**
 * A pg-boss that only sends, retries and reads, over the app's pool: it is never started, so it polls
 * nothing and opens no pool of its own (web processes enqueue; workers, lib/jobs/worker.ts, work).
 */
export function jobClient(): PgBoss {
  return client().boss;
}

function client(): JobClient {
  // Keyed by the database: the queues created are that database's (tests switch databases per file).
  const databaseUrl = process.env.DATABASE_URL;
  const current = globalForJobs.porticoJobClient;
  if (current && current.databaseUrl === databaseUrl) return current;
  const pool: PgBoss.Db = { executeSql: (text, values) => sqlExecutor(getDb().$client).executeSql(text, values) };
  const created: JobClient = { databaseUrl, boss: new PgBoss({ db: pool, schema: JOB_SCHEMA }), ready: new Map() };
  globalForJobs.porticoJobClient = created;
  return created;
}

/** Creates (once per process) the job's queue before the first enqueue: pg-boss drops a job sent to no queue. */
export function ensureQueue(job: AnyJobDefinition): Promise<void> {
  const { boss, ready } = client();
  let pending = ready.get(job.name);
  if (!pending) {
    pending = createQueues(boss, job).catch((error: unknown) => {
      ready.delete(job.name);
      throw error;
    });
    ready.set(job.name, pending);
  }
  return pending;
}

/** The job's queue and its dead-letter queue, with the job's policy, retries and expiry. */
export async function createQueues(boss: PgBoss, job: AnyJobDefinition): Promise<void> {
  const deadLetter = deadLetterQueueOf(job.name);
  // Nothing works a dead-letter queue: its jobs wait there (two weeks) for an admin's retry.
  await boss.createQueue(deadLetter, { name: deadLetter, policy: 'standard', retentionMinutes: 14 * 24 * 60 });
  const options: PgBoss.Queue = {
    name: job.name,
    policy: job.policy,
    retryLimit: job.retry.limit,
    retryDelay: job.retry.delaySecs,
    retryBackoff: job.retry.backoff,
    expireInSeconds: job.expireInSecs,
    deadLetter,
  };
  await boss.createQueue(job.name, options);
  // createQueue leaves an existing queue as it was: a changed definition is applied here.
  await boss.updateQueue(job.name, options);
}
