import 'server-only';
import {
  getDiagnosticSubject,
  insertDiagnosticRun,
  listDiagnosticRunRows,
  postponeScheduledDiagnostics,
} from '@/db/queries/jira-diagnostics';
import { isUuid } from '@/lib/validation/uuid';
import { gatherFacts } from './gather-facts';
import { refreshDecision } from './refresh-policy';
import { evaluateChecks } from './rules';
import { toDiagnosticRun } from './stored-run';
import { worstOutcome, type DiagnosticRun, type DiagnosticTrigger } from './types';

/** Every connection is checked about this often; any completed run postpones the scheduled one. */
export const DIAGNOSTICS_EVERY_HOURS = 6;

/**
 * Runs every check on one connection and stores the run. Undefined when the organization has no
 * such connection. Reads only, apart from the token refresh (refresh-policy.ts), which the token store keeps
 * safe: an outage never marks the connection broken, and tokens and mappings are never lost.
 */
export async function runDiagnostics(
  orgId: string,
  connectionId: string,
  options: { trigger: DiagnosticTrigger; actorUserId?: string },
): Promise<DiagnosticRun | undefined> {
  if (!isUuid(connectionId)) return undefined;
  const subject = await getDiagnosticSubject(orgId, connectionId);
  if (!subject) return undefined;
  const startedAt = new Date();
  const decision = refreshDecision(options.trigger, subject.grant?.lastRefreshedAt ?? null, startedAt);
  const checks = evaluateChecks(await gatherFacts(orgId, subject, { refresh: decision, now: startedAt }));
  const finishedAt = new Date();
  const outcome = worstOutcome(checks);
  const id = await insertDiagnosticRun(orgId, {
    connectionId,
    trigger: options.trigger,
    triggeredByUserId: options.actorUserId ?? null,
    outcome,
    results: checks,
    startedAt,
    finishedAt,
  });
  await postponeScheduledDiagnostics(orgId, connectionId, DIAGNOSTICS_EVERY_HOURS);
  return { id, connectionId, trigger: options.trigger, outcome, startedAt, finishedAt, checks };
}

export async function getLatestDiagnosticRun(orgId: string, connectionId: string): Promise<DiagnosticRun | undefined> {
  const [latest] = await listDiagnosticRuns(orgId, connectionId, 1);
  return latest;
}

export async function listDiagnosticRuns(orgId: string, connectionId: string, limit = 20): Promise<DiagnosticRun[]> {
  if (!isUuid(connectionId)) return [];
  const rows = await listDiagnosticRunRows(orgId, connectionId, Math.min(Math.max(1, Math.trunc(limit)), 100));
  return rows.map(toDiagnosticRun);
}
