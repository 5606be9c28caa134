import type { z } from 'zod';

/** What a handler knows about the attempt it runs in. `signal` aborts when the job's time is up or the worker stops. */
export interface JobContext {
  jobId: string;
  /** 0 on the first attempt. */
  retryCount: number;
  signal: AbortSignal;
}

export interface RetryPolicy {
  /** Attempts after the first; once spent, the job is failed and copied to its dead-letter queue. */
  limit: number;
  delaySecs: number;
  /** Exponential: about delay × 2^attempt, with jitter (pg-boss computes it in SQL). */
  backoff: boolean;
}

/**
 * pg-boss queue policies, i.e. what a `singletonKey` deduplicates:
 * - `standard`: nothing (keys only label jobs);
 * - `stately`: at most one queued, one waiting to retry and one running job per key;
 * - `singleton`: at most one running job per key (any number queued);
 * - `short`: at most one queued job per key.
 */
export type QueuePolicy = 'standard' | 'stately' | 'singleton' | 'short';

export interface JobDefinition<T = unknown> {
  name: string;
  schema: z.ZodType<T>;
  handler: (data: T, context: JobContext) => Promise<void>;
  retry: RetryPolicy;
  expireInSecs: number;
  /** Jobs of this kind one worker process runs at once. */
  concurrency: number;
  policy: QueuePolicy;
}

/** A job of any payload, for lists (registry, worker). */
// eslint-disable-next-line @typescript-eslint/no-explicit-any
export type AnyJobDefinition = JobDefinition<any>;

export const DEFAULT_RETRY: RetryPolicy = { limit: 3, delaySecs: 30, backoff: true };

/** The dead-letter queue of a job: where pg-boss copies a job whose retries are spent. */
export const deadLetterQueueOf = (name: string) => `${name}--dead-letter`;
export const DEAD_LETTER_SUFFIX = '--dead-letter';

/**
 * One kind of background work. The payload is parsed with `schema` when it is enqueued and again when a
 * worker takes it (the database sits between the two). A handler must be safe to run twice: a worker can
 * die after the work and before the job is marked done.
 */
export function defineJob<S extends z.ZodType>(spec: {
  name: string;
  schema: S;
  handler: (data: z.output<S>, context: JobContext) => Promise<void>;
  retry?: Partial<RetryPolicy>;
  expireInSecs?: number;
  concurrency?: number;
  policy?: QueuePolicy;
}): JobDefinition<z.output<S>> {
  if (!/^[a-z0-9][a-z0-9-]*$/.test(spec.name) || spec.name.endsWith(DEAD_LETTER_SUFFIX)) {
    throw new Error(`Job name "${spec.name}" must be kebab-case and must not end with ${DEAD_LETTER_SUFFIX}.`);
  }
  return {
    name: spec.name,
    schema: spec.schema as z.ZodType<z.output<S>>,
    handler: spec.handler,
    retry: { ...DEFAULT_RETRY, ...spec.retry },
    expireInSecs: spec.expireInSecs ?? 15 * 60,
    concurrency: spec.concurrency ?? 1,
    policy: spec.policy ?? 'standard',
  };
}
