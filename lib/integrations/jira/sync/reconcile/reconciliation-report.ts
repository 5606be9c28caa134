import 'server-only';
import { getLatestReconciliationRun } from '@/db/queries/jira-reconciliation';
import type { ReconciliationTrigger } from '@/db/queries/jira-reconciliation';

const RUN_EXPIRY_MS = 30 * 60_000;

/** The latest reconciliation as the Sync section and the API show it. */
export interface ReconciliationReport {
  state: 'running' | 'completed' | 'failed';
  trigger: ReconciliationTrigger;
  startedAt: Date;
  completedAt: Date | null;
  inJira: number | null;
  inPortico: number | null;
  missing: number | null;
  extra: number | null;
  examples: { missing: string[]; extra: string[] };
  /** Portico's own sentence when the run failed or deleted nothing on purpose. */
  error: { kind: string; message: string } | null;
}

/** Null when the connection was never reconciled. */
export async function getLatestReconciliation(orgId: string, connectionId: string): Promise<ReconciliationReport | null> {
  const run = await getLatestReconciliationRun(orgId, connectionId);
  if (!run) return null;
  // A run without an end past the job's expiry was cut short (a worker died): the next run starts afresh.
  const interrupted = !run.completedAt && Date.now() - run.startedAt.getTime() > RUN_EXPIRY_MS;
  return {
    state: interrupted ? 'failed' : !run.completedAt ? 'running' : run.errorKind ? 'failed' : 'completed',
    trigger: run.trigger as ReconciliationTrigger,
    startedAt: run.startedAt,
    completedAt: run.completedAt,
    inJira: run.inJira,
    inPortico: run.inPortico,
    missing: run.missing,
    extra: run.extra,
    examples: run.examples ?? { missing: [], extra: [] },
    error: interrupted
      ? { kind: 'interrupted', message: 'The last reconciliation was interrupted before it finished; nothing was marked deleted by it.' }
      : run.errorKind
        ? { kind: run.errorKind, message: run.errorMessage ?? 'Reconciliation stopped on an unexpected error.' }
        : null,
  };
}
