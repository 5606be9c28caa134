import { describe, expect, it } from 'vitest';
import { quoteJqlValue } from '../preview/jql';
import { backfillJql, formatJqlDateTime, incrementalJql, movedOutJql } from './sync-jql';

describe('sync JQL', () => {
  it('backfills the filter by key, or every visible project without one', () => {
    expect(backfillJql(['ENG', 'OPS'])).toBe('project in ("ENG", "OPS") ORDER BY key ASC');
    expect(backfillJql([])).toBe('project is not EMPTY ORDER BY key ASC');
  });

  it('quotes values the way JQL escapes them', () => {
    expect(quoteJqlValue('A"B\\C')).toBe('"A\\"B\\\\C"');
  });

  it.each([
    // 2026-03-01 10:30:45Z minus the 2-minute overlap is 10:28:45Z, floored to the minute in each zone.
    ['UTC', '2026-03-01 10:28'],
    ['Pacific/Kiritimati', '2026-03-02 00:28'], // UTC+14: already the next day there
    ['Pacific/Pago_Pago', '2026-02-28 23:28'], // UTC-11: still the previous day
    ['Asia/Kolkata', '2026-03-01 15:58'], // UTC+5:30
  ])('formats the incremental cursor in the Jira user zone %s', (zone, wallClock) => {
    expect(incrementalJql(['ENG'], new Date('2026-03-01T10:30:45Z'), zone)).toBe(
      `project in ("ENG") AND updated >= "${wallClock}" ORDER BY updated ASC`,
    );
  });

  it('reads 12 hours further back when the zone is unknown, so no zone can make it skip', () => {
    expect(incrementalJql([], new Date('2026-03-01T10:30:45Z'), null)).toBe('updated >= "2026-02-28 22:28" ORDER BY updated ASC');
    expect(incrementalJql([], new Date('2026-03-01T10:30:45Z'), 'Not/AZone')).toContain('"2026-02-28 22:28"');
  });

  it('looks outside the filter for moved issues, and nowhere without a filter', () => {
    expect(movedOutJql(['ENG'], new Date('2026-03-01T10:30:00Z'), 'UTC')).toBe(
      'project not in ("ENG") AND updated >= "2026-03-01 10:28" ORDER BY updated ASC',
    );
    expect(movedOutJql([], new Date(), 'UTC')).toBeNull();
  });

  it('formats across a daylight-saving change by the zone rules', () => {
    expect(formatJqlDateTime(new Date('2026-03-08T06:59:00Z'), 'America/New_York')).toBe('2026-03-08 01:59');
    expect(formatJqlDateTime(new Date('2026-03-08T07:00:00Z'), 'America/New_York')).toBe('2026-03-08 03:00');
  });
});
