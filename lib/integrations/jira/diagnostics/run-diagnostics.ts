import 'server-only';
import {
  getDiagnosticSubject,
  insertDiagnosticRun,
  listDiagnosticRunRows,
  postponeScheduledDiagnostics,
} from '@/db/queries/jira-diagnostics';
import { waitForAdvisoryLock, withAdvisoryLock, type LockKey } from '@/db/advisory-lock';
import { DIAGNOSTICS_COOLDOWN_SECS, diagnosticsCooldown } from '@/lib/api/v1/diagnostics-cooldown';
import { isUuid } from '@/lib/validation/uuid';
import { gatherFacts } from './gather-facts';
import { refreshDecision } from './refresh-policy';
import { evaluateChecks } from './rules';
import { toDiagnosticRun } from './stored-run';
import { worstOutcome, type DiagnosticRun, type DiagnosticTrigger } from './types';

/** Every connection is checked about this often; any completed run postpones the scheduled one. */
export const DIAGNOSTICS_EVERY_HOURS = 6;

type RunOptions = {
  trigger: DiagnosticTrigger;
  actorUserId?: string;
  /** Send the credential probe even when a token request already proved the credentials. */
  verifyCredentials?: boolean;
};

const lockKey = (connectionId: string): LockKey => ({ namespace: 'diagnostics', id: connectionId });
/** A run makes a handful of Jira calls with timeouts; a waiter gives up well after that. */
const MAX_WAIT_MS = 5 * 60_000;

/**
 * Runs every check on one connection and stores the run. Undefined when the organization has no
 * such connection. One run per connection at a time across processes (session advisory lock): a
 * caller that finds one running waits for it and gets that run instead of starting a second.
 */
export async function runDiagnostics(orgId: string, connectionId: string, options: RunOptions): Promise<DiagnosticRun | undefined> {
  if (!isUuid(connectionId)) return undefined;
  const deadline = Date.now() + MAX_WAIT_MS;
  for (;;) {
    const before = (await getLatestDiagnosticRun(orgId, connectionId))?.id;
    const attempt = await withAdvisoryLock(lockKey(connectionId), () => runUnlocked(orgId, connectionId, options));
    if (attempt.acquired) return attempt.value;
    const released = await waitForAdvisoryLock(lockKey(connectionId), { deadline });
    const latest = await getLatestDiagnosticRun(orgId, connectionId);
    // A new run landed: that is the answer. None, though the lock is free: its holder died, so run.
    if (latest?.id !== before || !released) return latest;
  }
}

export type CooledRun = { status: 'ran'; run: DiagnosticRun } | { status: 'cooling'; retryAfterSecs: number } | { status: 'not_found' };

/**
 * The API's run: at most one per connection per DIAGNOSTICS_COOLDOWN_SECS, atomically. The latest
 * run is read and the new one stored under the connection's lock, so of any number of parallel
 * requests exactly one runs; the others (and any while a run is in progress) are told to wait.
 */
export async function runDiagnosticsUnlessCooling(orgId: string, connectionId: string, options: RunOptions): Promise<CooledRun> {
  if (!isUuid(connectionId)) return { status: 'not_found' };
  const attempt = await withAdvisoryLock(lockKey(connectionId), async (): Promise<CooledRun> => {
    const latest = await getLatestDiagnosticRun(orgId, connectionId);
    const cooldown = diagnosticsCooldown(latest?.startedAt, new Date());
    if (cooldown.wait) return { status: 'cooling', retryAfterSecs: cooldown.retryAfterSecs };
    const run = await runUnlocked(orgId, connectionId, options);
    return run ? { status: 'ran', run } : { status: 'not_found' };
  });
  return attempt.acquired ? attempt.value : { status: 'cooling', retryAfterSecs: DIAGNOSTICS_COOLDOWN_SECS };
}

/**
 * Reads only, apart from the token refresh (refresh-policy.ts), which the token store keeps safe: an
 * outage never marks the connection broken, and tokens and mappings are never lost.
 */
async function runUnlocked(orgId: string, connectionId: string, options: RunOptions): Promise<DiagnosticRun | undefined> {
  const subject = await getDiagnosticSubject(orgId, connectionId);
  if (!subject) return undefined;
  const startedAt = new Date();
  const decision = refreshDecision(options.trigger, subject.grant?.lastRefreshedAt ?? null, startedAt);
  const checks = evaluateChecks(
    await gatherFacts(orgId, subject, { refresh: decision, now: startedAt, verifyCredentials: options.verifyCredentials }),
  );
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
