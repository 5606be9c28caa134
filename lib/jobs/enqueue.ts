import 'server-only';
import type PgBoss from 'pg-boss';
import type { Transaction } from '@/db/connect';
import type { JobDefinition } from './define-job';
import { ensureQueue, jobClient, sqlExecutor, transactionClient } from './job-client';

export interface EnqueueOptions {
  /** Deduplicates under the job's queue policy (see QueuePolicy); e.g. a connection id. */
  singletonKey?: string;
  /** A date, or seconds from now. */
  startAfter?: Date | number;
  /** Higher runs first among the queue's waiting jobs. */
  priority?: number;
  /** Enqueue inside this drizzle transaction: the job exists only if the transaction commits. */
  tx?: Transaction;
}

/**
 * Adds a job for any worker to run. The payload is parsed with the job's schema first, so a bad payload
 * fails here, in the caller, rather than later in a worker. Returns the job id, or null when the queue's
 * policy already holds a job with this singletonKey.
 */
export async function enqueue<T>(job: JobDefinition<T>, data: T, options: EnqueueOptions = {}): Promise<string | null> {
  const payload = job.schema.parse(data);
  await ensureQueue(job);
  const send: PgBoss.SendOptions = {
    ...(options.singletonKey === undefined ? {} : { singletonKey: options.singletonKey }),
    ...(options.startAfter === undefined ? {} : { startAfter: options.startAfter }),
    ...(options.priority === undefined ? {} : { priority: options.priority }),
    ...(options.tx ? { db: sqlExecutor(transactionClient(options.tx)) } : {}),
  };
  return jobClient().send(job.name, payload as object, send);
}
