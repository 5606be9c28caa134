import { describe, expect, it } from 'vitest';
import { formatInterval } from './interval';

describe('formatInterval', () => {
  it.each([
    [60, 'every minute'],
    [900, 'every 15 minutes'],
    [3600, 'every hour'],
    [21600, 'every 6 hours'],
    [90, 'every 90 seconds'],
  ])('%i → %s', (seconds, expected) => {
    expect(formatInterval(seconds)).toBe(expected);
  });
});
