import 'server-only';
import { claimConnectionsDueForDiagnostics } from '@/db/queries/jira-diagnostics';
import { DIAGNOSTICS_EVERY_HOURS, runDiagnostics } from './run-diagnostics';
import { log } from '@/lib/observability/request-context';

/** At most this many runs per tick, one at a time, a pause apart: spread over the interval, not a burst. */
const PER_TICK = 20;
const PAUSE_MS = 2_000;

/**
 * One tick of the schedule. The due connections are claimed in one short statement (their due time
 * moves 6 h ahead), then run outside any transaction: several processes can tick at once without
 * running a connection twice, and a run that fails or throws is retried after the interval instead
 * of staying first in line.
 */
export async function runScheduledDiagnostics(pauseMs = PAUSE_MS): Promise<{ claimed: number; ran: number }> {
  const due = await claimConnectionsDueForDiagnostics(DIAGNOSTICS_EVERY_HOURS, PER_TICK);
  let ran = 0;
  for (const [index, connection] of due.entries()) {
    if (index > 0 && pauseMs > 0) await new Promise((resolve) => setTimeout(resolve, pauseMs));
    try {
      await runDiagnostics(connection.orgId, connection.connectionId, { trigger: 'scheduled' });
      ran += 1;
    } catch (error) {
      // One connection's unexpected failure must not stop the others' checks.
      log().error({ err: error, orgId: connection.orgId, connectionId: connection.connectionId }, 'scheduled diagnostics run failed');
    }
  }
  return { claimed: due.length, ran };
}

let timer: NodeJS.Timeout | undefined;

/** Started once per server process (instrumentation.ts); a tick every 15 minutes picks what is due. */
export function scheduleDiagnostics(intervalMs = 15 * 60 * 1000): void {
  if (timer) return;
  timer = setInterval(() => {
    runScheduledDiagnostics().catch((error: unknown) => log().error({ err: error }, 'diagnostics schedule failed'));
  }, intervalMs);
  timer.unref();
}
