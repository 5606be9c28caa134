import { readBackfillSegment, runBackfillStep, type BackfillStepOutcome } from './backfill-step';

/**
 * Runs a backfill to its end in this process, segment after segment, as the jobs would (tests and the
 * benchmark's single-process mode). Returns the last outcome: a skip, or the page that ended the backfill.
 */
export async function backfillToEnd(orgId: string, connectionId: string, onPage?: (outcome: BackfillStepOutcome) => void) {
  let last: BackfillStepOutcome = await runBackfillStep(orgId, connectionId);
  for (let round = 0; round < 1000 && last.kind === 'segments'; round += 1) {
    for (const segment of last.segments) {
      // As a job reads it: pages pipelined, each committed alone.
      const outcome = await readBackfillSegment(orgId, connectionId, segment, { until: Number.POSITIVE_INFINITY, onPage });
      if (outcome.kind === 'skipped') return outcome;
      if (outcome.kind === 'page' && outcome.backfillDone) return outcome;
    }
    last = await runBackfillStep(orgId, connectionId);
  }
  return last;
}
