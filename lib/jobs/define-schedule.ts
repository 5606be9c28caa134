import type { JobDefinition } from './define-job';

/** A job enqueued on a cron (UTC), once per tick across every worker: pg-boss's timekeeper deduplicates it. */
export interface CronSchedule<T = unknown> {
  job: JobDefinition<T>;
  /** Five-field cron; pg-boss's finest tick is one minute. */
  cron: string;
  data: T;
}

// eslint-disable-next-line @typescript-eslint/no-explicit-any
export type AnyCronSchedule = CronSchedule<any>;

export const defineSchedule = <T>(schedule: CronSchedule<T>): CronSchedule<T> => schedule;
