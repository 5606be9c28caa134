import { describe, expect, it } from 'vitest';
import { healthyFacts, NOW, pending } from './facts.testing';
import { checkRateLimits, describeRateLimitReason } from './rate-limits';

const throttledUsage = {
  calls: 198,
  throttled: 20,
  lastThrottledAt: new Date(NOW.getTime() - 600_000),
  lastRateLimitReason: 'jira-quota-tenant-based',
  lastRateLimitReset: '2026-11-23T13:00:00Z',
  lastRetryAfterSecs: 1800,
};

describe('checkRateLimits', () => {
  it.each([
    ['nothing throttled', healthyFacts(), 'pass', /throttled none of Portico’s 122 Jira calls/],
    ['no calls at all', healthyFacts({ usage: { calls: 0 }, runCalls: [] }), 'pass', /none of Portico’s 0/],
    [
      'throttled in the last day',
      healthyFacts({ usage: throttledUsage }),
      'warning',
      /throttled 20 of 200 Jira calls \(10%\).*tenant.*resets at 2026-11-23T13:00:00Z/,
    ],
    [
      'throttled during this run',
      healthyFacts({
        runCalls: [
          {
            operation: 'getMyself',
            status: 429,
            errorKind: 'rate_limited',
            rateLimitReason: 'jira-burst-based',
            retryAfterSecs: 5,
          },
        ],
      }),
      'warning',
      /throttled 1 of 121 .*short burst/,
    ],
    ['pending', pending(), 'skipped', /not authorized yet/],
  ] as const)('%s', (_name, facts, outcome, summary) => {
    const result = checkRateLimits(facts);
    expect(result.outcome).toBe(outcome);
    expect(result.action).toBeNull();
    expect(result.summary).toMatch(summary);
  });

  it('evidence carries the latest 429’s reason, reset and Retry-After', () => {
    const { evidence } = checkRateLimits(healthyFacts({ usage: throttledUsage }));
    expect(evidence[1]?.answered).toMatch(
      /RateLimit-Reason jira-quota-tenant-based: .*quota resets 2026-11-23T13:00:00Z, Retry-After 1800 s/,
    );
  });

  it.each([
    ['jira-burst-based', /short burst/],
    ['jira-quota-global-based', /across all Jira sites/],
    ['something-new', /^something-new$/],
    [null, /no reason given/],
  ] as const)('explains RateLimit-Reason %s', (reason, words) => {
    expect(describeRateLimitReason(reason)).toMatch(words);
  });
});
