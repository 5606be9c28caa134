/*
 * A circuit breaker per endpoint, so one consumer that fails cannot take the worker's delivery slots from the
 * others. Each attempt holds a slot until the consumer answers, up to the 10 s timeout: an endpoint that hangs
 * would otherwise fill every slot with its deliveries and stall every other endpoint behind it (measured in
 * scripts/bench/outbound-webhooks.ts). After OPEN_AFTER_FAILURES failed attempts in a row the circuit opens: no
 * attempt goes out (deliveries are deferred, not counted as attempts) until a window has passed, then a single
 * probe at a time tries; its success closes the circuit, its failure lengthens the window. Pure, so the windows
 * are tested as a table; the state is the endpoint's failing streak, which lives in PostgreSQL.
 */

export const OPEN_AFTER_FAILURES = 3;
const BASE_OPEN_SECS = 30;
const MAX_OPEN_SECS = 3600;

export interface FailingStreak {
  consecutiveFailures: number;
  failingSince: Date | null;
}

export type CircuitDecision =
  | { send: true; state: 'closed' }
  /** The window has passed: one probe may go, the caller makes sure it is the only one. */
  | { send: true; state: 'half_open' }
  | { send: false; state: 'open'; until: Date };

/**
 * When the circuit of a streak reopens: the streak's start plus a window per failure since it opened, doubling
 * from 30 s to at most an hour (30 s, 1 min, 2 min, … then hourly). Derived from the streak alone, so a probe's
 * failure, which adds one to it, pushes the next probe back, with no clock of its own to keep.
 */
export function circuitOpenUntil(streak: FailingStreak): Date | null {
  if (streak.consecutiveFailures < OPEN_AFTER_FAILURES || !streak.failingSince) return null;
  let secs = 0;
  for (let window = 0; window <= streak.consecutiveFailures - OPEN_AFTER_FAILURES; window += 1) {
    secs += Math.min(MAX_OPEN_SECS, BASE_OPEN_SECS * 2 ** Math.min(window, 20));
  }
  return new Date(streak.failingSince.getTime() + secs * 1000);
}

export function decideCircuit(streak: FailingStreak, now: Date): CircuitDecision {
  const until = circuitOpenUntil(streak);
  if (!until) return { send: true, state: 'closed' };
  return now < until ? { send: false, state: 'open', until } : { send: true, state: 'half_open' };
}

/**
 * When a delivery the circuit held back is tried again: after the window (or, when another probe is out, one
 * base window from now), spread by `jitter` in [0, 1) over one more base window so a backlog does not wake at once.
 */
export function deferredUntil(decision: { state: 'open'; until: Date } | { state: 'half_open' }, now: Date, jitter: number): Date {
  const from = decision.state === 'open' ? decision.until.getTime() : now.getTime() + BASE_OPEN_SECS * 1000;
  return new Date(from + Math.round(jitter * BASE_OPEN_SECS * 1000));
}
