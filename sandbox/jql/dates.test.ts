import { describe, expect, it } from 'vitest';
import { calendarDate, formatJiraDateTime, parseJqlDate, wallClockToUtc, zoneOffsetMs } from './dates';
import { JqlError } from './parse';

const NOW = Date.UTC(2026, 0, 15, 12, 0, 0);
const utc = (s: string) => Date.parse(s);

describe('parseJqlDate reads literals in the user time zone', () => {
  it.each([
    // [literal, quoted, time zone, expected instant]
    ['2026/01/15 09:00', true, 'UTC', '2026-01-15T09:00:00Z'],
    ['2026-01-15 09:00', true, 'UTC', '2026-01-15T09:00:00Z'],
    ['2026/01/15 09:00', true, 'Europe/Berlin', '2026-01-15T08:00:00Z'],
    ['2026/01/15 09:00', true, 'Pacific/Kiritimati', '2026-01-14T19:00:00Z'],
    ['2026/01/15 09:00', true, 'Pacific/Pago_Pago', '2026-01-15T20:00:00Z'],
    ['2026/07/01 12:30', true, 'America/New_York', '2026-07-01T16:30:00Z'],
    ['2026/01/15', true, 'Pacific/Kiritimati', '2026-01-14T10:00:00Z'],
    ['2026-01-15', false, 'Pacific/Pago_Pago', '2026-01-15T11:00:00Z'],
    ['2026/1/5 7:05', true, 'UTC', '2026-01-05T07:05:00Z'],
  ])('%s (quoted %s) in %s → %s', (literal, quoted, tz, expected) => {
    expect(parseJqlDate(literal, quoted, 'updated', tz, NOW)).toBe(utc(expected));
  });

  it.each([
    ['-5d', false, NOW - 5 * 86_400_000],
    ['-4w 2d', true, NOW - 30 * 86_400_000],
    ['-15m', false, NOW - 15 * 60_000],
    ['"-30"', false, Number.NaN],
    ['-30', true, NOW - 30 * 60_000],
    ['2h', true, NOW + 2 * 3_600_000],
    ['now()', false, NOW],
    ['1700000000000', false, 1_700_000_000_000],
  ])('relative or epoch %s (quoted %s)', (literal, quoted, expected) => {
    if (Number.isNaN(expected)) expect(() => parseJqlDate(literal, quoted, 'updated', 'UTC', NOW)).toThrow(JqlError);
    else expect(parseJqlDate(literal, quoted, 'updated', 'UTC', NOW)).toBe(expected);
  });

  it.each(['2026/13/01', '2026/02/30', '2026-01-15 24:00', '15/01/2026', '2026/01-15', 'yesterday', '2026-01-15T09:00'])('rejects %s with Jira’s message', (literal) => {
    expect(() => parseJqlDate(literal, true, 'updated', 'UTC', NOW)).toThrow(`Date value '${literal}' for field 'updated' is invalid. Valid formats include: 'yyyy/MM/dd HH:mm', 'yyyy-MM-dd HH:mm', 'yyyy/MM/dd', 'yyyy-MM-dd', or a period format e.g. '-5d', '4w 2d'.`);
  });

  it('handles a DST gap and repeat by picking the earlier instant', () => {
    // Europe/Berlin 2026-10-25 02:30 happens twice (CEST then CET).
    expect(wallClockToUtc('Europe/Berlin', 2026, 10, 25, 2, 30)).toBe(utc('2026-10-25T00:30:00Z'));
    // 2026-03-29 02:30 does not exist in Berlin: it becomes 03:30 CEST.
    expect(wallClockToUtc('Europe/Berlin', 2026, 3, 29, 2, 30)).toBe(utc('2026-03-29T01:30:00Z'));
    expect(zoneOffsetMs('Europe/Berlin', utc('2026-07-01T00:00:00Z'))).toBe(7_200_000);
  });
});

describe('formatJiraDateTime', () => {
  it.each([
    ['2026-04-28T13:33:15.438Z', 'Europe/Warsaw', '2026-04-28T15:33:15.438+0200'],
    ['2026-01-15T09:00:00.000Z', 'Pacific/Kiritimati', '2026-01-15T23:00:00.000+1400'],
    ['2026-01-15T09:00:00.000Z', 'Pacific/Pago_Pago', '2026-01-14T22:00:00.000-1100'],
    ['2026-01-15T09:00:00.000Z', 'Asia/Kolkata', '2026-01-15T14:30:00.000+0530'],
  ])('%s in %s', (iso, tz, expected) => {
    expect(formatJiraDateTime(utc(iso), tz)).toBe(expected);
    expect(calendarDate(utc(iso), tz)).toBe(expected.slice(0, 10));
  });
});
