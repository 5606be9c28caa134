import { describe, expect, it } from 'vitest';
import { describeTime, formatInZone, formatRelative } from './relative-time';

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
    expect(formatInZone(ago(-5), 'Pacific/Kiritimati', 'seconds')).toBe('Dec 3, 2026, 2:00:05 AM GMT+14');
  });
});

describe('describeTime', () => {
  it.each([
    ['recent: relative', ago(180), 'auto', '3 minutes ago', 'Dec 2, 2026, 11:57:00 AM UTC'],
    ['soon: relative', ago(-7200), 'auto', 'in 2 hours', 'Dec 2, 2026, 2:00:00 PM UTC'],
    ['older than a day: the local date', ago(3 * 86400), 'auto', 'Nov 29, 2026, 9:00 PM GMT+9', 'Nov 29, 2026, 12:00:00 PM UTC'],
    ['exact: local seconds even when recent', ago(7), 'exact', 'Dec 2, 2026, 8:59:53 PM GMT+9', 'Dec 2, 2026, 11:59:53 AM UTC'],
  ] as const)('%s', (_, date, variant, text, title) => {
    expect(describeTime(date, NOW, 'Asia/Tokyo', variant)).toEqual({ text, title });
  });
});

describe('describeTime inside a sentence', () => {
  it.each([
    ['absolute: the word first', ago(3 * 86400), 'auto', 'on Nov 29, 2026, 9:00 PM GMT+9'],
    ['relative: no word', ago(180), 'auto', '3 minutes ago'],
    ['exact: the word first', ago(7), 'exact', 'on Dec 2, 2026, 8:59:53 PM GMT+9'],
  ] as const)('%s', (_, date, variant, text) => {
    expect(describeTime(date, NOW, 'Asia/Tokyo', variant, 'on').text).toBe(text);
  });
});
