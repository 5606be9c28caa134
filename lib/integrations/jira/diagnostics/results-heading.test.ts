import { describe, expect, it } from 'vitest';
import { deriveConnectionState } from '../connection-state';
import { resultsHeading, resultsNote } from './results-heading';

const outcomes = (...list: ('pass' | 'warning' | 'failure' | 'skipped')[]) => list.map((outcome) => ({ outcome }));

describe('resultsHeading', () => {
  it.each([
    [outcomes('pass', 'pass'), 'All 2 checks passed'],
    [outcomes('pass', 'skipped'), 'All 2 checks passed'],
    [outcomes('warning', 'pass'), '1 of 2 checks needs attention'],
    [outcomes('warning', 'warning', 'pass'), '2 of 3 checks need attention'],
    [outcomes('failure', 'pass'), '1 of 2 checks failed'],
    [outcomes('failure', 'warning', 'pass'), '1 of 3 checks failed, 1 more needs attention'],
  ])('%j → %s', (results, heading) => {
    expect(resultsHeading(results)).toBe(heading);
  });
});

describe('resultsNote', () => {
  const now = new Date('2026-12-02T12:00:00Z');
  const hoursAgo = (hours: number) => new Date(now.getTime() - hours * 3_600_000);
  const note = (status: 'connected' | 'error' | 'disconnected', connectedAt: Date, latest: { outcome: 'pass' | 'failure'; finishedAt: Date }, checkRunning = false) =>
    resultsNote({ status, connectedAt, latest, view: deriveConnectionState({ status, connectedAt, latest, checkRunning, now }) });

  it.each([
    ['current', note('connected', hoursAgo(48), { outcome: 'failure', finishedAt: hoursAgo(1) }), undefined],
    ['running', note('connected', hoursAgo(48), { outcome: 'failure', finishedAt: hoursAgo(1) }, true), /new run is in progress/],
    ['disconnected', note('disconnected', hoursAgo(48), { outcome: 'failure', finishedAt: hoursAgo(1) }), /disconnected/],
    ['before reconnect', note('connected', hoursAgo(0.5), { outcome: 'failure', finishedAt: hoursAgo(1) }), /before the last connect/],
    ['passed, now error', note('error', hoursAgo(48), { outcome: 'pass', finishedAt: hoursAgo(1) }), /predate/],
    ['stale', note('connected', hoursAgo(100), { outcome: 'pass', finishedAt: hoursAgo(30) }), /out of date: the last run finished yesterday\./],
  ])('%s', (_name, text, expected) => {
    if (expected === undefined) expect(text).toBeUndefined();
    else expect(text).toMatch(expected);
  });
});
