// Reads a stored run back: results are jsonb, so each check is parsed rather than trusted. Pure.
import { z } from 'zod';
import {
  CHECK_ACTIONS,
  CHECK_IDS,
  CHECK_OUTCOMES,
  DIAGNOSTIC_TRIGGERS,
  toRunOutcome,
  type CheckResult,
  type DiagnosticRun,
  type DiagnosticTrigger,
} from './types';

const checkResultSchema = z.object({
  id: z.enum(CHECK_IDS),
  title: z.string(),
  outcome: z.enum(CHECK_OUTCOMES),
  summary: z.string(),
  evidence: z.array(z.object({ asked: z.string(), answered: z.string() })),
  remedy: z.string().nullable(),
  // A stored action this version no longer knows (e.g. the retired verify_credentials) reads as none.
  action: z.enum(CHECK_ACTIONS).nullable().catch(null),
}) satisfies z.ZodType<CheckResult>;

export interface StoredRunRow {
  id: string;
  connectionId: string;
  trigger: string;
  outcome: string;
  results: unknown[];
  startedAt: Date;
  finishedAt: Date;
  startedByName?: string | null;
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
    startedByName: row.startedByName ?? null,
    checks: row.results.flatMap((result) => {
      const parsed = checkResultSchema.safeParse(result);
      return parsed.success ? [parsed.data] : [];
    }),
  };
}
