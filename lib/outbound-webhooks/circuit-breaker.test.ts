import { describe, expect, it } from 'vitest';
import { circuitOpenUntil, decideCircuit, deferredUntil, OPEN_AFTER_FAILURES } from './circuit-breaker';

const since = new Date('2026-01-01T00:00:00Z');
const at = (secs: number) => new Date(since.getTime() + secs * 1000);

describe('circuitOpenUntil', () => {
  it.each([
    [0, null],
    [OPEN_AFTER_FAILURES - 1, null],
    [OPEN_AFTER_FAILURES, 30],
    [OPEN_AFTER_FAILURES + 1, 30 + 60],
    [OPEN_AFTER_FAILURES + 2, 30 + 60 + 120],
    // Windows stop doubling at an hour: 30 s … 1,920 s, then 3,600 s each.
    [OPEN_AFTER_FAILURES + 8, 3810 + 2 * 3600],
  ])('%i failures in a row: open until %s s after the streak began', (failures, secs) => {
    expect(circuitOpenUntil({ consecutiveFailures: failures, failingSince: since })).toEqual(secs === null ? null : at(secs));
  });

  it('a long streak stays finite', () => {
    expect(circuitOpenUntil({ consecutiveFailures: 1000, failingSince: since })!.getTime()).toBeLessThan(at(1000 * 3600).getTime());
  });
});

describe('decideCircuit', () => {
  const streak = { consecutiveFailures: OPEN_AFTER_FAILURES, failingSince: since };
  it.each([
    ['healthy', { consecutiveFailures: 0, failingSince: null }, at(0), 'closed'],
    ['failing, not yet open', { consecutiveFailures: OPEN_AFTER_FAILURES - 1, failingSince: since }, at(1), 'closed'],
    ['open, within the window', streak, at(29), 'open'],
    ['window over: one probe', streak, at(30), 'half_open'],
  ] as const)('%s', (_, input, now, state) => {
    expect(decideCircuit(input, now).state).toBe(state);
  });
});

describe('deferredUntil', () => {
  it('waits for the window, spread by up to 30 s; behind a probe, 30 to 60 s', () => {
    expect(deferredUntil({ state: 'open', until: at(90) }, at(10), 0)).toEqual(at(90));
    expect(deferredUntil({ state: 'open', until: at(90) }, at(10), 0.5)).toEqual(at(105));
    expect(deferredUntil({ state: 'half_open' }, at(100), 0.999)).toEqual(at(159.97));
  });
});
