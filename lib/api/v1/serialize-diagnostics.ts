import type { DiagnosticRun } from '@/lib/integrations/jira/diagnostics';
import type { z } from 'zod';
import type { diagnosticRunSchema } from './schemas';

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
      summary: check.summary,
      evidence: check.evidence.map((item) => ({ asked: item.asked, answered: item.answered })),
      remedy: check.remedy,
      action: check.action,
    })),
  };
}
