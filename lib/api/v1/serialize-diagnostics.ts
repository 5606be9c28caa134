import { renderTimeTokensUtc } from '@/lib/format/time-token';
import type { DiagnosticRun } from '@/lib/integrations/jira/diagnostics';
import type { z } from 'zod';
import type { diagnosticRunSchema } from './schemas';

/** Findings carry their times as tokens; API clients read them as UTC labels, the same for every caller. */
export function serializeDiagnosticRun(run: DiagnosticRun): z.infer<typeof diagnosticRunSchema> {
  return {
    id: run.id,
    connection_id: run.connectionId,
    trigger: run.trigger,
    outcome: run.outcome,
    started_at: run.startedAt.toISOString(),
    finished_at: run.finishedAt.toISOString(),
    checks: run.checks.map((check) => ({
      id: check.id,
      title: check.title,
      outcome: check.outcome,
      summary: renderTimeTokensUtc(check.summary),
      evidence: check.evidence.map((item) => ({
        asked: renderTimeTokensUtc(item.asked),
        answered: renderTimeTokensUtc(item.answered),
      })),
      remedy: check.remedy === null ? null : renderTimeTokensUtc(check.remedy),
      action: check.action,
    })),
  };
}
