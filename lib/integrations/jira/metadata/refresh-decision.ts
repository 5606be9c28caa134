// Whether a metadata refresh, once it holds the connection's lock, asks Jira. Pure, table-tested.

export type RefreshPolicy =
  /** Internal callers that must read Jira now (tests, a just-resolved consent). */
  | { kind: 'force' }
  /** Page loads and name resolution: only stale data, and not right after a failure. */
  | { kind: 'if_stale'; maxAgeMs: number; errorBackoffMs: number }
  /** A member's Refresh click: always, unless any refresh finished within `minIntervalMs`. */
  | { kind: 'on_request'; minIntervalMs: number };

/** The cache row's ages on the database clock; null when that never happened. */
export type CacheAges = { fetchedAgeMs: number | null; attemptAgeMs: number | null; lastAttemptFailed: boolean };

export type RefreshDecision =
  | { refresh: true; reason: 'forced' | 'requested' | 'never_fetched' | 'stale' }
  | { refresh: false; reason: 'up_to_date' | 'backing_off' }
  | { refresh: false; reason: 'throttled'; lastAttemptSecsAgo: number; retryAfterSecs: number };

export function refreshDecision(policy: RefreshPolicy, ages: CacheAges | undefined): RefreshDecision {
  if (policy.kind === 'force') return { refresh: true, reason: 'forced' };
  const attemptAgeMs = ages?.attemptAgeMs ?? null;
  if (policy.kind === 'on_request') {
    // A negative age (clock step on the database) counts as just now.
    if (attemptAgeMs !== null && attemptAgeMs < policy.minIntervalMs) {
      const age = Math.max(0, attemptAgeMs);
      return {
        refresh: false,
        reason: 'throttled',
        lastAttemptSecsAgo: Math.floor(age / 1000),
        retryAfterSecs: Math.max(1, Math.ceil((policy.minIntervalMs - age) / 1000)),
      };
    }
    return { refresh: true, reason: 'requested' };
  }
  if (ages?.lastAttemptFailed && attemptAgeMs !== null && attemptAgeMs < policy.errorBackoffMs) {
    return { refresh: false, reason: 'backing_off' };
  }
  if (ages?.fetchedAgeMs === null || ages?.fetchedAgeMs === undefined) return { refresh: true, reason: 'never_fetched' };
  return ages.fetchedAgeMs < policy.maxAgeMs ? { refresh: false, reason: 'up_to_date' } : { refresh: true, reason: 'stale' };
}

/** What a member reads after a throttled Refresh click. */
export function throttledMessage(decision: { lastAttemptSecsAgo: number; retryAfterSecs: number }): string {
  const ago = decision.lastAttemptSecsAgo === 1 ? '1 second' : `${decision.lastAttemptSecsAgo} seconds`;
  return `Refreshed from Jira ${ago} ago; showing that result. Try again in ${decision.retryAfterSecs} s.`;
}
