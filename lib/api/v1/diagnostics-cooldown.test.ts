import { describe, expect, it } from 'vitest';
import { diagnosticsCooldown } from './diagnostics-cooldown';

const now = new Date('2026-01-01T12:00:00Z');
const ago = (ms: number) => new Date(now.getTime() - ms);

describe('diagnosticsCooldown', () => {
  it.each([
    { case: 'never ran', started: undefined, expected: { wait: false } },
    { case: 'just ran', started: ago(0), expected: { wait: true, retryAfterSecs: 60 } },
    { case: '0.5 s ago', started: ago(500), expected: { wait: true, retryAfterSecs: 60 } },
    { case: '59.5 s ago', started: ago(59_500), expected: { wait: true, retryAfterSecs: 1 } },
    { case: '60 s ago', started: ago(60_000), expected: { wait: false } },
    { case: 'an hour ago', started: ago(3_600_000), expected: { wait: false } },
    { case: 'in the future (skew)', started: ago(-5_000), expected: { wait: true, retryAfterSecs: 60 } },
  ])('$case', ({ started, expected }) => {
    expect(diagnosticsCooldown(started, now)).toEqual(expected);
  });
});
