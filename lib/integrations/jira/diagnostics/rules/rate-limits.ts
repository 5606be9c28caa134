// Check 7: has Atlassian throttled Portico's calls for this connection lately, why, and when does
// the quota reset? Throttling is never a failure: Portico waits and retries.
import { formatUtcLabel } from '@/lib/format/date-time';
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

export function checkRateLimits(facts: DiagnosticFacts): CheckResult {
  const blocked = notAuthorized(facts);
  if (blocked) return skipped(id, blocked);
  const { usage } = facts;
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
    evidence.push({
      asked: `${describeOperation(last.operation)} during this run`,
      answered: `HTTP 429, RateLimit-Reason ${describeRateLimitReason(last.rateLimitReason)}${last.rateLimitReset ? `, quota resets ${last.rateLimitReset}` : ''}${last.retryAfterSecs !== undefined ? `, Retry-After ${last.retryAfterSecs} s` : ''}`,
    });
  } else if (usage.lastThrottledAt) {
    evidence.push({
      asked: 'Most recent HTTP 429',
      answered: `${formatUtcLabel(usage.lastThrottledAt)}, RateLimit-Reason ${describeRateLimitReason(usage.lastRateLimitReason)}${usage.lastRateLimitReset ? `, quota resets ${usage.lastRateLimitReset}` : ''}${usage.lastRetryAfterSecs !== null ? `, Retry-After ${usage.lastRetryAfterSecs} s` : ''}`,
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
  const reset = last ? last.rateLimitReset : usage.lastRateLimitReset;
  const resets = reset ? ` The quota resets at ${reset}.` : '';
  return {
    id,
    title,
    outcome: 'warning',
    summary: `Atlassian throttled ${throttled} of ${plural(calls, 'Jira call')} (${share}%) in the last 24 hours (${describeRateLimitReason(reason)}).${resets}`,
    evidence,
    remedy:
      'Nothing is broken: Portico waits as Atlassian asks and retries. If it keeps happening, narrow the project filter or let fewer tools share this Atlassian app on the site.',
    action: null,
  };
}
