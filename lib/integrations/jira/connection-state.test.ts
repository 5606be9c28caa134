import { describe, expect, it } from 'vitest';
import { deriveConnectionState, type ConnectionStateInput } from './connection-state';

const NOW = new Date('2026-12-02T12:00:00Z');
const ago = (minutes: number) => new Date(NOW.getTime() - minutes * 60_000);
const base: ConnectionStateInput = { status: 'connected', connectedAt: ago(30 * 24 * 60), latest: null, checkRunning: false, now: NOW };
const run = (outcome: 'pass' | 'warning' | 'failure', minutesAgo: number) => ({ outcome, finishedAt: ago(minutesAgo) });

type Expected = { status: string | null; health: string; live: boolean };

/** What a screen shows: the status badge's label, the health part, whether the page keeps refreshing. */
function shown(input: Partial<ConnectionStateInput>): Expected {
  const view = deriveConnectionState({ ...base, ...input });
  const health = view.health;
  const text =
    health.kind === 'hidden'
      ? `hidden:${health.reason}`
      : health.kind === 'checking'
        ? 'Checking…'
        : health.kind === 'unchecked'
          ? health.label
          : `${health.label}${health.stale ? ` (stale, ${health.age})` : ''}`;
  return { status: view.status?.label ?? null, health: text, live: view.live };
}

describe('deriveConnectionState', () => {
  it.each<[string, Partial<ConnectionStateInput>, Expected]>([
    ['connected and healthy', { latest: run('pass', 30) }, { status: 'Connected', health: 'Healthy', live: false }],
    // Seen: "Connected" beside "Health: Problems found". The result is the one headline.
    ['connected, problems found', { latest: run('failure', 30) }, { status: null, health: 'Problems found', live: false }],
    ['connected, warnings', { latest: run('warning', 30) }, { status: null, health: 'Needs attention', live: false }],
    // Seen: "Error" beside "Health: Healthy".
    ['error with an older healthy run', { status: 'error', latest: run('pass', 30) }, { status: 'Error', health: 'hidden:status_says_it', live: false }],
    ['needs reconnect with a failed run', { status: 'needs_reconnect', latest: run('failure', 30) }, { status: 'Needs reconnect', health: 'hidden:status_says_it', live: false }],
    // Seen: a disconnected connection still showing "Problems found".
    ['disconnected with a failed run', { status: 'disconnected', latest: run('failure', 30) }, { status: 'Disconnected', health: 'hidden:not_connected', live: false }],
    ['disconnected while a run holds the lock', { status: 'disconnected', checkRunning: true }, { status: 'Disconnected', health: 'hidden:not_connected', live: false }],
    ['awaiting authorization', { status: 'pending_authorization', connectedAt: null }, { status: 'Awaiting authorization', health: 'hidden:not_connected', live: false }],
    // Seen: a red "Problems found" beside the green "Jira is reconnected" banner: that run was about the old consent.
    ['just reconnected, old failed run, run not started yet', { connectedAt: ago(0.2), latest: run('failure', 60) }, { status: 'Connected', health: 'Checking…', live: true }],
    ['just connected, no run yet', { connectedAt: ago(1), latest: null }, { status: 'Connected', health: 'Checking…', live: true }],
    // Seen: "Health not checked yet" forever although the after-connect run had finished.
    ['just connected, after-connect run finished', { connectedAt: ago(2), latest: run('pass', 0.5) }, { status: 'Connected', health: 'Healthy', live: false }],
    ['a manual run in progress', { latest: run('failure', 30), checkRunning: true }, { status: 'Connected', health: 'Checking…', live: true }],
    ['a run in progress on a connection needing reconnect', { status: 'needs_reconnect', checkRunning: true }, { status: 'Needs reconnect', health: 'Checking…', live: true }],
    ['never checked, long connected', { latest: null }, { status: 'Connected', health: 'Health not checked yet', live: false }],
    ['after-connect run never came', { connectedAt: ago(30), latest: run('failure', 60) }, { status: 'Connected', health: 'Health not checked since the last connect', live: false }],
    ['stale result', { latest: run('pass', 3 * 24 * 60) }, { status: 'Connected', health: 'Healthy (stale, 3 days ago)', live: false }],
    ['stale failure', { latest: run('failure', 13 * 60) }, { status: null, health: 'Problems found (stale, 13 hours ago)', live: false }],
    ['fresh at the limit', { latest: run('pass', 12 * 60) }, { status: 'Connected', health: 'Healthy', live: false }],
  ])('%s', (_name, input, expected) => {
    expect(shown(input)).toEqual(expected);
  });
});
