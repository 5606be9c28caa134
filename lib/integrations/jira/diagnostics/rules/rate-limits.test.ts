import { describe, expect, it } from 'vitest';
import { renderTimeTokensUtc } from '@/lib/format/time-token';
import { healthyFacts, NOW, pending } from './facts.testing';
import { checkRateLimits, describeRateLimitReason, parseRateLimitReset } from './rate-limits';

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
      /throttled 20 of 200 Jira calls \(10%\).*tenant.*resets at Nov 23, 2026, 1:00 PM UTC\./,
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
    // As the REST API and emails read it (times are tokens the page shows in the reader's zone).
    expect(renderTimeTokensUtc(result.summary)).toMatch(summary);
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

  describe('a throttling that has ended is not a warning, and a past reset is never cited', () => {
    const minutesAgo = (minutes: number) => new Date(NOW.getTime() - minutes * 60_000);
    it.each([
      [
        'reset passed an hour ago',
        { lastThrottledAt: minutesAgo(90), lastRateLimitReset: '2026-11-23T11:00:00Z' },
        'pass',
      ],
      ['reset still ahead', { lastThrottledAt: minutesAgo(90), lastRateLimitReset: '2026-11-23T13:00:00Z' }, 'warning'],
      [
        'no reset, Retry-After still running',
        { lastThrottledAt: minutesAgo(10), lastRateLimitReset: null, lastRetryAfterSecs: 1800 },
        'warning',
      ],
      [
        'no reset, Retry-After over',
        { lastThrottledAt: minutesAgo(40), lastRateLimitReset: null, lastRetryAfterSecs: 1800 },
        'pass',
      ],
      [
        'nothing but the time, within the hour',
        { lastThrottledAt: minutesAgo(30), lastRateLimitReset: null, lastRetryAfterSecs: null },
        'warning',
      ],
      [
        'nothing but the time, hours ago',
        { lastThrottledAt: minutesAgo(300), lastRateLimitReset: null, lastRetryAfterSecs: null },
        'pass',
      ],
      [
        'epoch-seconds reset in the past',
        { lastThrottledAt: minutesAgo(90), lastRateLimitReset: String(NOW.getTime() / 1000 - 3600) },
        'pass',
      ],
    ] as const)('%s -> %s', (_name, usage, outcome) => {
      const result = checkRateLimits(healthyFacts({ usage: { ...throttledUsage, ...usage } }));
      expect(result.outcome).toBe(outcome);
      const text = [result.summary, ...result.evidence.map((item) => item.answered)].join(' ');
      if (usage.lastRateLimitReset && parseRateLimitReset(usage.lastRateLimitReset)! <= NOW) {
        expect(text).not.toContain(usage.lastRateLimitReset);
        expect(text).not.toMatch(/resets/);
      }
    });

    it('does not cite a reset already past on a 429 of this run', () => {
      const result = checkRateLimits(
        healthyFacts({
          runCalls: [
            {
              operation: 'getMyself',
              status: 429,
              errorKind: 'rate_limited',
              rateLimitReset: '2026-11-23T11:59:00Z',
              retryAfterSecs: 2,
            },
          ],
        }),
      );
      expect(result.outcome).toBe('warning');
      expect(JSON.stringify(result)).not.toContain('11:59');
    });

    it('reads ISO 8601 and epoch resets, and nothing else', () => {
      expect(parseRateLimitReset('2026-11-23T13:00:00Z')?.toISOString()).toBe('2026-11-23T13:00:00.000Z');
      expect(parseRateLimitReset('1795438800')?.toISOString()).toBe('2026-11-23T13:00:00.000Z');
      expect(parseRateLimitReset('soon')).toBeNull();
      expect(parseRateLimitReset(null)).toBeNull();
    });
  });
});
