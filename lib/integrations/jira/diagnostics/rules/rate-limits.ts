// Check 7: has Atlassian throttled Portico's calls for this connection lately, why, and when does
// the quota reset? Throttling is never a failure: Portico waits and retries.
import { timeToken } from '@/lib/format/time-token';
import type { DiagnosticFacts } from '../facts';
import type { CheckEvidence, CheckResult } from '../types';
import { describeOperation, notAuthorized, plural, skipped, TITLES } from './shared';

const id = 'rate_limits';
const title = TITLES[id];

// RateLimit-Reason values from developer.atlassian.com/cloud/jira/platform/rate-limiting/.
const REASONS: Record<string, string> = {
  'jira-burst-based': 'too many requests in a short burst',
  'jira-quota-global-based': 'the app’s hourly quota across all Jira sites is used up',
  'jira-quota-tenant-based': 'the app’s hourly quota on this site is used up',
  'jira-per-issue-on-write': 'too many writes to one issue',
};

export const describeRateLimitReason = (reason: string | null | undefined) =>
  reason ? `${reason}${REASONS[reason] ? `: ${REASONS[reason]}` : ''}` : 'no reason given';

/** X-RateLimit-Reset as a time: documented as ISO 8601, seen as epoch seconds through a proxy. */
export function parseRateLimitReset(raw: string | null | undefined): Date | null {
  const value = raw?.trim();
  if (!value) return null;
  if (/^\d+(\.\d+)?$/.test(value)) {
    const number = Number(value);
    return new Date(number < 1e12 ? number * 1000 : number);
  }
  const parsed = Date.parse(value);
  return Number.isNaN(parsed) ? null : new Date(parsed);
}

const HOUR_MS = 3_600_000;

/**
 * When a 429 stops holding Portico back: the quota's reset when Jira sent one, else the Retry-After,
 * else an hour (Atlassian's quotas are hourly). A throttling that has ended is history, not a warning.
 */
export function throttlingEndsAt(
  at: Date,
  reset: string | null | undefined,
  retryAfterSecs: number | null | undefined,
): Date {
  const resetAt = parseRateLimitReset(reset);
  if (resetAt) return resetAt;
  if (retryAfterSecs != null) return new Date(at.getTime() + retryAfterSecs * 1000);
  return new Date(at.getTime() + HOUR_MS);
}

/** ", quota resets …" only while that time is still ahead: a reset in the past is no news to anyone. */
function upcomingReset(reset: string | null | undefined, now: Date): string | undefined {
  const resetAt = parseRateLimitReset(reset);
  return reset && resetAt && resetAt.getTime() > now.getTime() ? reset : undefined;
}

export function checkRateLimits(facts: DiagnosticFacts): CheckResult {
  const blocked = notAuthorized(facts);
  if (blocked) return skipped(id, blocked);
  const { usage, now } = facts;
  const runThrottled = facts.runCalls.filter((call) => call.status === 429);
  const calls = usage.calls + facts.runCalls.length;
  const throttled = usage.throttled + runThrottled.length;
  const share = calls > 0 ? Math.round((throttled / calls) * 1000) / 10 : 0;
  const evidence: CheckEvidence[] = [
    {
      asked: 'Portico’s Jira calls for this connection in the last 24 hours',
      answered: `${plural(calls, 'call')}, ${throttled} answered HTTP 429 (${share}%)`,
    },
  ];
  const last = runThrottled.at(-1);
  if (last) {
    const reset = upcomingReset(last.rateLimitReset, now);
    evidence.push({
      asked: `${describeOperation(last.operation)} during this run`,
      answered: `HTTP 429, RateLimit-Reason ${describeRateLimitReason(last.rateLimitReason)}${reset ? `, quota resets ${reset}` : ''}${last.retryAfterSecs !== undefined ? `, Retry-After ${last.retryAfterSecs} s` : ''}`,
    });
  } else if (usage.lastThrottledAt) {
    const reset = upcomingReset(usage.lastRateLimitReset, now);
    evidence.push({
      asked: 'Most recent HTTP 429',
      answered: `${timeToken(usage.lastThrottledAt)}, RateLimit-Reason ${describeRateLimitReason(usage.lastRateLimitReason)}${reset ? `, quota resets ${reset}` : ''}${usage.lastRetryAfterSecs !== null ? `, Retry-After ${usage.lastRetryAfterSecs} s` : ''}`,
    });
  }
  if (throttled === 0) {
    return {
      id,
      title,
      outcome: 'pass',
      summary: `Atlassian throttled none of Portico’s ${plural(calls, 'Jira call')} in the last 24 hours.`,
      evidence,
      remedy: null,
      action: null,
    };
  }
  const reason = last?.rateLimitReason ?? usage.lastRateLimitReason;
  const counted = `Atlassian throttled ${throttled} of ${plural(calls, 'Jira call')} (${share}%) in the last 24 hours (${describeRateLimitReason(reason)})`;
  const over =
    !last &&
    usage.lastThrottledAt !== null &&
    throttlingEndsAt(usage.lastThrottledAt, usage.lastRateLimitReset, usage.lastRetryAfterSecs).getTime() <=
      now.getTime();
  if (over) {
    return {
      id,
      title,
      outcome: 'pass',
      summary: `${counted}, but that throttling has ended: nothing is held back now.`,
      evidence,
      remedy: null,
      action: null,
    };
  }
  const reset = upcomingReset(last ? last.rateLimitReset : usage.lastRateLimitReset, now);
  const resetAt = parseRateLimitReset(reset);
  return {
    id,
    title,
    outcome: 'warning',
    summary: `${counted}.${resetAt ? ` The quota resets ${timeToken(resetAt, 'at')}.` : ''}`,
    evidence,
    remedy:
      'Nothing is broken: Portico waits as Atlassian asks and retries. If it keeps happening, narrow the project filter or let fewer tools share this Atlassian app on the site.',
    action: null,
  };
}
