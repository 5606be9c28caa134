import { describe, expect, it } from 'vitest';
import { decideDisable, decideRetry, MAX_ATTEMPTS } from './retry-policy';

describe('decideRetry', () => {
  it.each([
    [1, 'success', 200, { retry: false, reason: 'delivered' }],
    [1, 'http_error', 500, { retry: true, delaySecs: 30, reason: 'server_error' }],
    [2, 'timeout', null, { retry: true, delaySecs: 120, reason: 'timeout' }],
    [3, 'refused', null, { retry: true, delaySecs: 480, reason: 'connection_failed' }],
    [4, 'http_error', 429, { retry: true, delaySecs: 1920, reason: 'throttled' }],
    [6, 'http_error', 503, { retry: true, delaySecs: 28800, reason: 'server_error' }],
    [MAX_ATTEMPTS, 'http_error', 500, { retry: false, reason: 'attempts_spent' }],
    [1, 'blocked', null, { retry: false, reason: 'destination_blocked' }],
    [1, 'http_error', 410, { retry: false, reason: 'gone' }],
  ] as const)('attempt %i, %s %s → %o', (attempt, outcome, status, expected) => {
    expect(decideRetry(attempt, outcome, status)).toEqual(expected);
  });

  it('spreads the retries over about a day', () => {
    let total = 0;
    for (let attempt = 1; attempt < MAX_ATTEMPTS; attempt += 1) {
      const decision = decideRetry(attempt, 'http_error', 500);
      if (decision.retry) total += decision.delaySecs;
    }
    expect(total / 3600).toBeGreaterThan(20);
    expect(total / 3600).toBeLessThan(30);
  });
});

describe('decideDisable', () => {
  const now = new Date('2026-12-02T12:00:00Z');
  const hoursAgo = (hours: number) => new Date(now.getTime() - hours * 3_600_000);
  it.each([
    [{ consecutiveFailures: 0, failingSince: null }, 200, { disable: false, reason: 'healthy' }],
    [{ consecutiveFailures: 50, failingSince: hoursAgo(23) }, 500, { disable: false, reason: 'failing' }],
    [{ consecutiveFailures: 3, failingSince: hoursAgo(30) }, 500, { disable: false, reason: 'failing' }],
    [{ consecutiveFailures: 10, failingSince: hoursAgo(24) }, 500, { disable: true, reason: 'failing_for_a_day' }],
    [{ consecutiveFailures: 1, failingSince: hoursAgo(0) }, 410, { disable: true, reason: 'gone' }],
  ] as const)('%o with %s → %o', (streak, status, expected) => {
    expect(decideDisable(streak, now, status)).toEqual(expected);
  });
});
