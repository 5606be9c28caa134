import 'server-only';
import { addApiUsage, type ApiUsageDelta } from '@/db/queries/jira-api-usage';
import type { JiraCallEvent } from './client';
import { EMPTY_USAGE } from './diagnostics/facts';
import { log } from '@/lib/observability/request-context';

// Counts every Jira round trip per connection and hour in memory and writes the sums every few
// seconds, so observing calls for the rate-limit and scope checks costs no database write per call.
// A crash loses at most one interval of counts: acceptable for a health signal. On SIGTERM,
// instrumentation.ts flushes what is pending before the process ends (flushJiraUsageOnShutdown).

const FLUSH_INTERVAL_MS = 10_000;
const MAX_PENDING_KEYS = 200;
const HOUR_MS = 3_600_000;

const pending = new Map<string, ApiUsageDelta>();
let timer: NodeJS.Timeout | undefined;
/** The write in progress, and at most one queued behind it (shared by every caller meanwhile). */
let flushing: Promise<void> | undefined;
let flushQueued: Promise<void> | undefined;

export function recordJiraCall(orgId: string, connectionId: string, event: JiraCallEvent, now = new Date()): void {
  const hour = new Date(Math.floor(now.getTime() / HOUR_MS) * HOUR_MS);
  const key = `${connectionId}|${hour.toISOString()}`;
  const delta = pending.get(key) ?? emptyDelta(orgId, connectionId, hour);
  delta.calls += 1;
  if (event.status === 429) {
    delta.throttled += 1;
    delta.lastThrottledAt = now;
    delta.lastRateLimitReason = event.rateLimitReason ?? null;
    delta.lastRateLimitReset = event.rateLimitReset ?? null;
    delta.lastRetryAfterSecs = event.retryAfterSecs ?? null;
  }
  if (event.errorKind === 'upstream') delta.upstreamFailures += 1;
  if (event.errorKind === 'forbidden_scope') {
    delta.scopeMismatches += 1;
    delta.lastScopeMismatchAt = now;
    delta.lastScopeMismatchOperation = event.operation;
  }
  pending.set(key, delta);
  if (pending.size >= MAX_PENDING_KEYS) void flushJiraUsage();
  else scheduleFlush();
}

/**
 * Writes what is pending; diagnostics awaits it before reading the usage table. A caller arriving
 * during a write waits for one more write, queued once for everyone, which takes what they recorded.
 */
export function flushJiraUsage(): Promise<void> {
  if (!flushing) {
    flushing = writePending().finally(() => (flushing = undefined));
    return flushing;
  }
  flushQueued ??= flushing.then(() => {
    flushQueued = undefined;
    return flushJiraUsage();
  });
  return flushQueued;
}

async function writePending(): Promise<void> {
  if (pending.size === 0) return;
  const batch = [...pending.values()];
  pending.clear();
  // Counts for a connection deleted meanwhile fail on its foreign key; a health signal is not
  // worth a retry loop, and one failed row must not drop the others.
  const results = await Promise.allSettled(batch.map((delta) => addApiUsage(delta)));
  const failed = results.filter((result) => result.status === 'rejected').length;
  if (failed > 0) log().warn({ failed, total: batch.length }, 'jira usage rows not written');
}

/**
 * On SIGTERM (what container runtimes and process managers send), write the pending counts, then
 * let the signal take its course. Best effort: if another SIGTERM listener exits the process at
 * once, up to one interval of counts is lost, as after a crash.
 */
export function flushJiraUsageOnShutdown(): void {
  process.once('SIGTERM', () => {
    void flushJiraUsage().finally(() => {
      // Nobody else handles the signal: re-raise it so the process ends as it would have.
      if (process.listenerCount('SIGTERM') === 0) process.kill(process.pid, 'SIGTERM');
    });
  });
}

function scheduleFlush(): void {
  if (timer) return;
  timer = setTimeout(() => {
    timer = undefined;
    void flushJiraUsage();
  }, FLUSH_INTERVAL_MS);
  timer.unref();
}

function emptyDelta(orgId: string, connectionId: string, hour: Date): ApiUsageDelta {
  return { orgId, connectionId, hour, ...EMPTY_USAGE };
}
