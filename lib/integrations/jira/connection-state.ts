// The one state model of a Jira connection: what its status and its health read as, on the Integrations card,
// the connection page and troubleshooting alike (docs/decisions/017-connection-state-model.md). Pure, so every
// screen derives the same answer from the same facts and the table test covers each combination.
import type { BadgeTone } from '@/lib/badge-tone';
import { RUN_HEALTH } from './diagnostics/presentation';
import type { RunOutcome } from './diagnostics/types';
import { CONNECTION_STATUS, type ConnectionStatus } from './connection-status';
import { formatRelative } from '@/lib/format/relative-time';

/** A result older than two scheduled intervals (every 6 h) means runs are not happening: say so. */
export const HEALTH_STALE_AFTER_MS = 12 * 3_600_000;
/**
 * After a connect, the run waits behind the sync queueing, webhook registration and name resolution in the
 * same after() task: until then no lock is held, yet a run is on its way. Past this, it is not coming.
 */
export const AFTER_CONNECT_RUN_WITHIN_MS = 3 * 60_000;

export interface ConnectionStateInput {
  status: ConnectionStatus;
  /** The last connect or reconnect: a run that finished before it describes the previous authorization. */
  connectedAt: Date | null;
  latest: { outcome: RunOutcome; finishedAt: Date } | null;
  /** A diagnostics run holds the connection's lock right now. */
  checkRunning: boolean;
  now: Date;
}

export type HealthView =
  | { kind: 'hidden'; reason: 'not_connected' | 'status_says_it' }
  | { kind: 'checking' }
  | { kind: 'unchecked'; label: string }
  | { kind: 'result'; outcome: RunOutcome; label: string; tone: BadgeTone; checkedAt: Date; stale: boolean; age: string };

export interface ConnectionView {
  /** The status badge, or null when the health result is the headline (a connected site with problems). */
  status: { label: string; tone: BadgeTone } | null;
  health: HealthView;
  /** The page should refresh itself until this turns false: a check is running or on its way. */
  live: boolean;
}

export function deriveConnectionState(input: ConnectionStateInput): ConnectionView {
  const status = CONNECTION_STATUS[input.status];
  // A disconnected (or not yet authorized) connection has no health: any old result is about tokens now gone.
  if (input.status === 'disconnected' || input.status === 'pending_authorization') {
    return { status, health: { kind: 'hidden', reason: 'not_connected' }, live: false };
  }
  const current = input.latest && (!input.connectedAt || input.latest.finishedAt >= input.connectedAt) ? input.latest : null;
  const afterConnectDue =
    !current && input.connectedAt !== null && input.now.getTime() - input.connectedAt.getTime() < AFTER_CONNECT_RUN_WITHIN_MS;
  if (input.checkRunning || (input.status === 'connected' && afterConnectDue)) {
    return { status, health: { kind: 'checking' }, live: true };
  }
  // "Needs reconnect" and "Error" already say what is wrong and what to do; a "Healthy" from before would contradict
  // them, and a failed run repeats them. Troubleshooting keeps the detail.
  if (input.status !== 'connected') return { status, health: { kind: 'hidden', reason: 'status_says_it' }, live: false };
  if (!current) {
    const label = input.latest ? 'Health not checked since the last connect' : 'Health not checked yet';
    return { status, health: { kind: 'unchecked', label }, live: false };
  }
  const ageMs = input.now.getTime() - current.finishedAt.getTime();
  const health: HealthView = {
    kind: 'result',
    outcome: current.outcome,
    ...RUN_HEALTH[current.outcome],
    checkedAt: current.finishedAt,
    stale: ageMs > HEALTH_STALE_AFTER_MS,
    age: formatRelative(current.finishedAt, input.now),
  };
  // "Connected" beside "Problems found" reads as two verdicts: the health result is the headline instead.
  return { status: current.outcome === 'pass' ? status : null, health, live: false };
}
