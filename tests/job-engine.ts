import { sql } from 'drizzle-orm';
import { afterAll } from 'vitest';
import type { Database } from '@/db/connect';
import { jobs as registeredJobs } from '@/lib/jobs/registry';
import { startWorker, stopWorker, type RunningWorker, type WorkerOptions } from '@/lib/jobs/worker';

/**
 * Workers on the calling file's test database (pair with setupTestDatabase() or setupJiraHarness()):
 * `start()` starts one (call it again for a second worker with its own pool), every worker is stopped
 * after the file, and `drain()` waits until the queues those workers work hold no job that is queued,
 * waiting to retry (backoff included) or running.
 */
export function setupJobEngine(database: { db: () => Database; url: () => string }) {
  const worked = new Set<string>();
  afterAll(() => stopWorker());
  return {
    start: (options: WorkerOptions = {}): Promise<RunningWorker> => {
      for (const job of options.jobs ?? registeredJobs) worked.add(job.name);
      return startWorker({ databaseUrl: database.url(), pollingIntervalSecs: 0.5, stopTimeoutSecs: 5, ...options });
    },
    drain: (options: { timeoutMs?: number } = {}) => drainJobs(database.db(), [...worked], options.timeoutMs),
    /** Jobs still to run in these queues, by queue. */
    pending: (queues: readonly string[] = [...worked]) => pendingJobs(database.db(), queues),
  };
}

async function pendingJobs(db: Database, queues: readonly string[]): Promise<Record<string, number>> {
  if (queues.length === 0) return {};
  const rows = await db.execute<{ name: string; count: string }>(sql`
    select name, count(*) as count from pgboss.job
     where state in ('created', 'retry', 'active') and name in (${sql.join(queues.map((queue) => sql`${queue}`), sql`, `)})
     group by name`);
  return Object.fromEntries(rows.map((row) => [row.name, Number(row.count)]));
}

/** Polls (a test helper, not an assertion): resolves once nothing is left, including retries in backoff. */
async function drainJobs(db: Database, queues: readonly string[], timeoutMs = 60_000): Promise<void> {
  const deadline = Date.now() + timeoutMs;
  for (;;) {
    const pending = await pendingJobs(db, queues);
    if (Object.keys(pending).length === 0) return;
    if (Date.now() > deadline) throw new Error(`Jobs still pending after ${timeoutMs} ms: ${JSON.stringify(pending)}`);
    await new Promise((resolve) => setTimeout(resolve, 100));
  }
}
