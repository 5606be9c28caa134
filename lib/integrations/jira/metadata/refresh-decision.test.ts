import { describe, expect, it } from 'vitest';
import { refreshDecision, throttledMessage, type CacheAges, type RefreshPolicy } from './refresh-decision';

const onRequest: RefreshPolicy = { kind: 'on_request', minIntervalMs: 30_000 };
const ifStale: RefreshPolicy = { kind: 'if_stale', maxAgeMs: 300_000, errorBackoffMs: 60_000 };
const ages = (fetchedAgeMs: number | null, attemptAgeMs: number | null, lastAttemptFailed = false): CacheAges => ({
  fetchedAgeMs,
  attemptAgeMs,
  lastAttemptFailed,
});

describe('refreshDecision', () => {
  it.each([
    { case: 'force, just refreshed', policy: { kind: 'force' } as const, ages: ages(0, 0), expected: { refresh: true, reason: 'forced' } },
    { case: 'Refresh, never refreshed', policy: onRequest, ages: undefined, expected: { refresh: true, reason: 'requested' } },
    { case: 'Refresh, 12.3 s after the last', policy: onRequest, ages: ages(12_300, 12_300), expected: { refresh: false, reason: 'throttled', lastAttemptSecsAgo: 12, retryAfterSecs: 18 } },
    { case: 'Refresh, 29.9 s after a failure', policy: onRequest, ages: ages(600_000, 29_900, true), expected: { refresh: false, reason: 'throttled', lastAttemptSecsAgo: 29, retryAfterSecs: 1 } },
    { case: 'Refresh, 30 s after the last', policy: onRequest, ages: ages(30_000, 30_000), expected: { refresh: true, reason: 'requested' } },
    { case: 'Refresh, attempt "in the future" (clock step)', policy: onRequest, ages: ages(0, -5_000), expected: { refresh: false, reason: 'throttled', lastAttemptSecsAgo: 0, retryAfterSecs: 30 } },
    { case: 'page load, nothing cached', policy: ifStale, ages: undefined, expected: { refresh: true, reason: 'never_fetched' } },
    { case: 'page load, only failures so far', policy: ifStale, ages: ages(null, 120_000, true), expected: { refresh: true, reason: 'never_fetched' } },
    { case: 'page load, 4 min old', policy: ifStale, ages: ages(240_000, 240_000), expected: { refresh: false, reason: 'up_to_date' } },
    { case: 'page load, 6 min old', policy: ifStale, ages: ages(360_000, 360_000), expected: { refresh: true, reason: 'stale' } },
    { case: 'page load, stale, failed 30 s ago', policy: ifStale, ages: ages(360_000, 30_000, true), expected: { refresh: false, reason: 'backing_off' } },
    { case: 'page load, stale, failed 2 min ago', policy: ifStale, ages: ages(360_000, 120_000, true), expected: { refresh: true, reason: 'stale' } },
  ])('$case', ({ policy, ages: cached, expected }) => {
    expect(refreshDecision(policy, cached)).toEqual(expected);
  });

  it('says how old the shown result is and when to try again', () => {
    expect(throttledMessage({ lastAttemptSecsAgo: 1, retryAfterSecs: 29 })).toBe(
      'Refreshed from Jira 1 second ago; showing that result. Try again in 29 s.',
    );
  });
});
