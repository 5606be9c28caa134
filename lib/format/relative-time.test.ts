import { describe, expect, it } from 'vitest';
import { formatInZone, formatRelative } from './relative-time';

const NOW = new Date('2026-12-02T12:00:00Z');
const ago = (seconds: number) => new Date(NOW.getTime() - seconds * 1000);

describe('formatRelative', () => {
  it.each([
    [ago(10), 'just now'],
    [ago(-30), 'just now'],
    [ago(90), '1 minute ago'],
    [ago(3 * 3600), '3 hours ago'],
    [ago(26 * 3600), 'yesterday'],
    [ago(3 * 86400), '3 days ago'],
    [ago(20 * 86400), '2 weeks ago'],
    [ago(400 * 86400), 'last year'],
    [ago(-125), 'in 2 minutes'],
  ])('%s → %s', (date, expected) => {
    expect(formatRelative(date, NOW)).toBe(expected);
  });
});

describe('formatInZone', () => {
  it('shows the time in the reader’s zone, named', () => {
    expect(formatInZone(NOW, 'Asia/Tokyo')).toBe('Dec 2, 2026, 9:00 PM GMT+9');
    expect(formatInZone(NOW, 'UTC')).toBe('Dec 2, 2026, 12:00 PM UTC');
  });
});
