import 'server-only';
import { sql } from 'drizzle-orm';
import { getDb } from '@/db/client';
import { listConnectionsDueForDiagnostics } from '@/db/queries/jira-diagnostics';
import { runDiagnostics } from './run-diagnostics';

/** Every connected connection is checked about every 6 hours. */
const EVERY_HOURS = 6;
/** At most this many runs per tick, one at a time, a pause apart: spread over the interval, not a burst. */
const PER_TICK = 20;
const PAUSE_MS = 2_000;
/** Arbitrary, fixed: the advisory lock key that lets only one Portico process run the schedule. */
const SCHEDULE_LOCK_ID = 7_317_001;

/**
 * One tick of the schedule. With several Portico processes, the one that takes the transaction-level
 * advisory lock runs the due connections; the others return at once.
 */
export async function runScheduledDiagnostics(pauseMs = PAUSE_MS): Promise<{ ran: number; skipped: boolean }> {
  return getDb().transaction(async (tx) => {
    const [lock] = await tx.execute<{ locked: boolean }>(
      sql`select pg_try_advisory_xact_lock(${SCHEDULE_LOCK_ID}) as locked`,
    );
    if (!lock?.locked) return { ran: 0, skipped: true };
    const due = await listConnectionsDueForDiagnostics(EVERY_HOURS, PER_TICK);
    let ran = 0;
    for (const [index, connection] of due.entries()) {
      if (index > 0 && pauseMs > 0) await new Promise((resolve) => setTimeout(resolve, pauseMs));
      try {
        await runDiagnostics(connection.orgId, connection.connectionId, { trigger: 'scheduled' });
        ran += 1;
      } catch (error) {
        // One connection's unexpected failure must not stop the others' checks.
        console.error('[jira diagnostics] scheduled run failed', error instanceof Error ? error.name : 'unknown');
      }
    }
    return { ran, skipped: false };
  });
}

let timer: NodeJS.Timeout | undefined;

/** Started once per server process (instrumentation.ts); a tick every 15 minutes picks what is due. */
export function scheduleDiagnostics(intervalMs = 15 * 60 * 1000): void {
  if (timer) return;
  timer = setInterval(() => {
    runScheduledDiagnostics().catch((error: unknown) =>
      console.error('[jira diagnostics] schedule failed', error instanceof Error ? error.name : 'unknown'),
    );
  }, intervalMs);
  timer.unref();
}
