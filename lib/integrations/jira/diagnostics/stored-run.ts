// Reads a stored run back: results are jsonb, so each check is parsed rather than trusted. Pure.
import { z } from 'zod';
import {
  DIAGNOSTIC_TRIGGERS,
  toRunOutcome,
  type CheckResult,
  type DiagnosticRun,
  type DiagnosticTrigger,
} from './types';

const checkResultSchema = z.object({
  id: z.enum([
    'app_credentials',
    'grant',
    'site',
    'scopes',
    'authorizing_user',
    'projects',
    'rate_limits',
    'upstream',
    'callback',
  ]),
  title: z.string(),
  outcome: z.enum(['pass', 'warning', 'failure', 'skipped']),
  summary: z.string(),
  evidence: z.array(z.object({ asked: z.string(), answered: z.string() })),
  remedy: z.string().nullable(),
  action: z.enum(['reconnect', 'edit_project_filter', 'rerun', 'verify_credentials', 'fix_app_settings']).nullable(),
}) satisfies z.ZodType<CheckResult>;

export interface StoredRunRow {
  id: string;
  connectionId: string;
  trigger: string;
  outcome: string;
  results: unknown[];
  startedAt: Date;
  finishedAt: Date;
}

export function toDiagnosticRun(row: StoredRunRow): DiagnosticRun {
  return {
    id: row.id,
    connectionId: row.connectionId,
    trigger: (DIAGNOSTIC_TRIGGERS as readonly string[]).includes(row.trigger)
      ? (row.trigger as DiagnosticTrigger)
      : 'manual',
    outcome: toRunOutcome(row.outcome),
    startedAt: row.startedAt,
    finishedAt: row.finishedAt,
    checks: row.results.flatMap((result) => {
      const parsed = checkResultSchema.safeParse(result);
      return parsed.success ? [parsed.data] : [];
    }),
  };
}
