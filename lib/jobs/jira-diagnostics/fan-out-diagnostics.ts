import 'server-only';
import { z } from 'zod';
import { getDb } from '@/db/client';
import { claimConnectionsDueForDiagnostics } from '@/db/queries/jira-diagnostics';
import { DIAGNOSTICS_EVERY_HOURS } from '@/lib/integrations/jira/diagnostics/run-diagnostics';
import { defineJob } from '../define-job';
import { enqueueMany } from '../enqueue';
import { runScheduledDiagnosticsJob } from './run-scheduled-diagnostics';

const BATCH = 500;

/**
 * Every due connection becomes a job of its own, which any worker takes: no per-tick ceiling, more
 * workers check more connections at once. Each batch's claim (the due time moves ahead) and its jobs
 * commit together, so a crash between them neither loses a connection nor queues it twice, and two
 * fan-outs running at once claim disjoint connections.
 */
export async function fanOutDueDiagnostics(batch = BATCH): Promise<{ queued: number }> {
  let queued = 0;
  for (;;) {
    const claimed = await getDb().transaction(async (tx) => {
      const due = await claimConnectionsDueForDiagnostics(DIAGNOSTICS_EVERY_HOURS, batch, tx);
      await enqueueMany(
        runScheduledDiagnosticsJob,
        due.map((connection) => ({ data: { organizationId: connection.orgId, connectionId: connection.connectionId } })),
        { tx },
      );
      return due.length;
    });
    queued += claimed;
    if (claimed < batch) return { queued };
  }
}

export const fanOutDiagnosticsJob = defineJob({
  name: 'jira-diagnostics-fan-out',
  title: 'Queue the due troubleshooting runs',
  schema: z.object({}),
  policy: 'stately',
  handler: async () => {
    await fanOutDueDiagnostics();
  },
});
