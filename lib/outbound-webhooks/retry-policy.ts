/*
 * When a failed delivery is tried again, and when an endpoint is switched off. Pure, so the schedule is
 * tested as a table and the job only applies it.
 */

export type AttemptOutcome = 'success' | 'http_error' | 'timeout' | 'refused' | 'network' | 'blocked';

/** Attempts in all (the first and 8 retries): 30 s, 2 min, 8 min, 32 min, about 2 h, then 8 h thrice; ~27 h. */
export const MAX_ATTEMPTS = 9;
const BASE_DELAY_SECS = 30;
const MAX_DELAY_SECS = 8 * 3600;

export type RetryDecision =
  | { retry: true; delaySecs: number; reason: 'server_error' | 'timeout' | 'connection_failed' | 'throttled' }
  | { retry: false; reason: 'delivered' | 'attempts_spent' | 'destination_blocked' | 'gone' };

/** `attempt` is the one that just ran, from 1; `jitter` in [0, 1) spreads retries of a burst (±10%). */
export function decideRetry(attempt: number, outcome: AttemptOutcome, statusCode: number | null, jitter = 0.5): RetryDecision {
  if (outcome === 'success') return { retry: false, reason: 'delivered' };
  // The address is private (or became so): trying again cannot help and must not be allowed to.
  if (outcome === 'blocked') return { retry: false, reason: 'destination_blocked' };
  // 410 Gone: the consumer says the endpoint no longer exists (Standard Webhooks' convention).
  if (statusCode === 410) return { retry: false, reason: 'gone' };
  if (attempt >= MAX_ATTEMPTS) return { retry: false, reason: 'attempts_spent' };
  const delay = Math.min(MAX_DELAY_SECS, BASE_DELAY_SECS * 4 ** (attempt - 1));
  const delaySecs = Math.round(delay * (0.9 + 0.2 * jitter));
  const reason = outcome === 'timeout' ? 'timeout' : outcome === 'http_error' ? (statusCode === 429 ? 'throttled' : 'server_error') : 'connection_failed';
  return { retry: true, delaySecs, reason };
}

/** An endpoint that has failed every attempt for a day (and at least this many) is disabled. */
export const DISABLE_AFTER_HOURS = 24;
export const DISABLE_AFTER_FAILURES = 10;

export type DisableDecision = { disable: true; reason: 'failing_for_a_day' | 'gone' } | { disable: false; reason: 'healthy' | 'failing' };

export function decideDisable(streak: { consecutiveFailures: number; failingSince: Date | null }, now: Date, statusCode: number | null): DisableDecision {
  if (statusCode === 410) return { disable: true, reason: 'gone' };
  if (streak.consecutiveFailures === 0 || !streak.failingSince) return { disable: false, reason: 'healthy' };
  const hours = (now.getTime() - streak.failingSince.getTime()) / 3_600_000;
  return hours >= DISABLE_AFTER_HOURS && streak.consecutiveFailures >= DISABLE_AFTER_FAILURES
    ? { disable: true, reason: 'failing_for_a_day' }
    : { disable: false, reason: 'failing' };
}
