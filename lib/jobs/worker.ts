import 'server-only';
import { randomUUID } from 'node:crypto';
import { hostname } from 'node:os';
import PgBoss from 'pg-boss';
import { JOB_SCHEMA } from '@/db/job-engine-schema';
import { log, runWithRequestContext } from '@/lib/observability/request-context';
import type { AnyJobDefinition } from './define-job';
import type { AnyCronSchedule } from './define-schedule';
import { dispatchEventsJob } from '@/lib/outbound-webhooks/dispatch-events';
import { startDispatchWakeup } from '@/lib/outbound-webhooks/wake-dispatcher';
import { describeJobFailure } from './job-failure';
import { createQueues } from './job-client';
import { jobs as registeredJobs, onWorkerStart, schedules as registeredSchedules } from './registry';

export interface WorkerOptions {
  /** Defaults to DATABASE_URL. */
  databaseUrl?: string;
  /** Defaults to the registry's: tests start workers for a few jobs of their own. */
  jobs?: readonly AnyJobDefinition[];
  schedules?: readonly AnyCronSchedule[];
  /** Jobs enqueued when the worker starts; the registry's by default (with the default jobs). */
  startupJobs?: readonly { job: AnyJobDefinition; data: object }[];
  /** How often an idle queue is asked for work (pg-boss's minimum is 0.5 s). */
  pollingIntervalSecs?: number;
  /** Seconds a stop waits for running jobs before failing them back to the queue (they are retried). */
  stopTimeoutSecs?: number;
}

export interface RunningWorker {
  readonly id: string;
  readonly boss: PgBoss;
  stop(): Promise<void>;
}

const running = new Set<RunningWorker>();

/**
 * Starts a worker: a pg-boss instance with its own pool that works every registered job, fires the cron
 * schedules (pg-boss lets one instance per minute enqueue each) and does pg-boss's maintenance (expiry,
 * archiving). Any number of workers, in any number of processes or machines, share one database's queues.
 */
export async function startWorker(options: WorkerOptions = {}): Promise<RunningWorker> {
  const databaseUrl = options.databaseUrl ?? process.env.DATABASE_URL;
  if (!databaseUrl) throw new Error('DATABASE_URL is not set: the worker needs the database Portico runs on.');
  const jobs = options.jobs ?? registeredJobs;
  const schedules = options.schedules ?? registeredSchedules;
  const startupJobs = options.startupJobs ?? (options.jobs ? [] : onWorkerStart);
  const id = `${hostname()}:${process.pid}:${randomUUID().slice(0, 8)}`;
  const boss = new PgBoss({
    connectionString: databaseUrl,
    schema: JOB_SCHEMA,
    application_name: 'portico-worker',
    max: Math.min(20, 4 + jobs.reduce((sum, job) => sum + job.concurrency, 0)),
    // Failed jobs stay in the job table (where Settings › Background jobs reads them) for a week.
    archiveFailedAfterSeconds: 7 * 24 * 3600,
    deleteAfterDays: 7,
  });
  boss.on('error', (error) => log().error({ err: error, worker: id }, 'job engine error'));
  await boss.start();

  for (const job of jobs) await createQueues(boss, job);
  await applySchedules(boss, schedules);
  const pollingIntervalSeconds = options.pollingIntervalSecs ?? 2;
  for (const job of jobs) {
    // One polling loop per unit of concurrency; a loop that got a job asks again at once instead of waiting.
    for (let slot = 0; slot < job.concurrency; slot += 1) {
      const loopId: string = await boss.work<unknown>(job.name, { batchSize: 1, includeMetadata: true, pollingIntervalSeconds }, async ([taken]) => {
        if (!taken) return;
        await runJob(boss, job, taken, id);
        boss.notifyWorker(loopId);
      });
    }
  }
  const stopWakeup = jobs.includes(dispatchEventsJob) ? await startDispatchWakeup(databaseUrl, boss) : undefined;
  for (const { job, data } of startupJobs) await boss.send(job.name, job.schema.parse(data) as object, { singletonKey: job.name });
  log().info({ worker: id, jobs: jobs.length, schedules: schedules.length }, 'job worker started');

  const worker: RunningWorker = {
    id,
    boss,
    stop: async () => {
      running.delete(worker);
      await stopWakeup?.();
      await boss.stop({ graceful: true, wait: true, timeout: (options.stopTimeoutSecs ?? 20) * 1000 });
      log().info({ worker: id }, 'job worker stopped');
    },
  };
  running.add(worker);
  return worker;
}

/** Stops every worker this process started, letting running jobs finish (SIGTERM, tests). */
export async function stopWorker(): Promise<void> {
  await Promise.all([...running].map((worker) => worker.stop()));
}

/** The registry is the only source of schedules: one removed from it is removed from the database. */
async function applySchedules(boss: PgBoss, schedules: readonly AnyCronSchedule[]): Promise<void> {
  const wanted = new Set(schedules.map((schedule) => schedule.job.name));
  for (const existing of await boss.getSchedules()) {
    if (!wanted.has(existing.name)) await boss.unschedule(existing.name);
  }
  for (const schedule of schedules) {
    await boss.schedule(schedule.job.name, schedule.cron, schedule.job.schema.parse(schedule.data) as object, {
      tz: 'UTC',
      singletonKey: schedule.job.name,
    });
  }
}

async function runJob(boss: PgBoss, job: AnyJobDefinition, taken: PgBoss.JobWithMetadata<unknown>, workerId: string) {
  const controller = new AbortController();
  // A second before pg-boss's own expiry, so the failure recorded is ours (sanitized), not its timeout.
  const timer = setTimeout(
    () => controller.abort(new Error(`The job did not finish within ${job.expireInSecs} seconds.`)),
    Math.max(1, job.expireInSecs - 1) * 1000,
  );
  const organizationId = (taken.data as { organizationId?: unknown } | null)?.organizationId;
  const bindings: Record<string, string> = { job: job.name, jobId: taken.id, worker: workerId };
  if (typeof organizationId === 'string') bindings.orgId = organizationId;
  try {
    await runWithRequestContext(`job:${taken.id}`, bindings, async () => {
      try {
        const data: unknown = job.schema.parse(taken.data);
        await untilAborted(job.handler(data, { jobId: taken.id, retryCount: taken.retryCount, signal: controller.signal }), controller.signal);
        await boss.complete(job.name, taken.id);
      } catch (error) {
        const failure = describeJobFailure(error, taken.retryCount + 1);
        log().error({ err: error, attempts: failure.attempts, retryLimit: taken.retryLimit }, 'job failed');
        await boss.fail(job.name, taken.id, failure);
      }
    });
  } catch (error) {
    // Completing or failing it did not reach the database: pg-boss expires it and it is retried.
    log().error({ err: error, job: job.name, jobId: taken.id }, 'job state not recorded');
  } finally {
    clearTimeout(timer);
  }
}

function untilAborted<T>(work: Promise<T>, signal: AbortSignal): Promise<T> {
  return new Promise<T>((resolve, reject) => {
    const onAbort = () => reject(signal.reason instanceof Error ? signal.reason : new Error('The job was aborted.'));
    if (signal.aborted) return onAbort();
    signal.addEventListener('abort', onAbort, { once: true });
    work.then(resolve, reject).finally(() => signal.removeEventListener('abort', onAbort));
  });
}
