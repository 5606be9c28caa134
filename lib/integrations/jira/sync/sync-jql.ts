import { projectClause, quoteJqlValue } from '../preview/jql';

/*
 * The JQL of the sync. Jira reads the dates in JQL in the time zone of the user whose token asks
 * (myself.timeZone), not in UTC, and only to the minute ("yyyy-MM-dd HH:mm"; JQL reference, "updated"), so
 * every cursor is formatted in that zone, floored to its minute, and moved back by an overlap.
 */

/** Re-read this much before the cursor: Jira's search index may show an update a little after it happened. */
export const INCREMENTAL_OVERLAP_MS = 2 * 60_000;
// With the zone unknown, Jira's zone could be anywhere from UTC-12 to UTC+14: formatting in UTC and
// moving back 12 h more can only over-read, never skip.
const UNKNOWN_ZONE_MARGIN_MS = 12 * 3_600_000;

/**
 * Every issue of the filter (every visible project without one). Ordered by key, which an issue keeps when it
 * is edited, so edits during the backfill cannot shift the pages still to come.
 */
export function backfillJql(projectKeys: readonly string[]): string {
  return `${projectClause(projectKeys) ?? 'project is not EMPTY'} ORDER BY key ASC`;
}

/**
 * Issues of the filter changed since `since` (minus the overlap), oldest change first. Later pages of one
 * poll pass no overlap: they continue from the newest change the poll has already stored.
 */
export function incrementalJql(
  projectKeys: readonly string[],
  since: Date,
  timeZone: string | null,
  overlapMs = INCREMENTAL_OVERLAP_MS,
): string {
  return [projectClause(projectKeys), updatedSince(since, timeZone, overlapMs)].filter(Boolean).join(' AND ') + ' ORDER BY updated ASC';
}

/**
 * Issues outside the filter changed since `since`: an issue moved out of a filtered project is among them
 * (a move updates it), and no longer matches incrementalJql. Null without a filter (nothing is outside it).
 */
export function movedOutJql(projectKeys: readonly string[], since: Date, timeZone: string | null): string | null {
  const outside = projectClause(projectKeys, 'not in');
  return outside ? `${outside} AND ${updatedSince(since, timeZone, INCREMENTAL_OVERLAP_MS)} ORDER BY updated ASC` : null;
}

function updatedSince(since: Date, timeZone: string | null, overlapMs: number): string {
  const start = new Date(since.getTime() - overlapMs - (usableZone(timeZone) ? 0 : UNKNOWN_ZONE_MARGIN_MS));
  return `updated >= ${quoteJqlValue(formatJqlDateTime(start, usableZone(timeZone) ? timeZone! : 'UTC'))}`;
}

/** "yyyy-MM-dd HH:mm" as the wall clock of `timeZone` shows the instant (seconds dropped: floored). */
export function formatJqlDateTime(instant: Date, timeZone: string): string {
  const parts = Object.fromEntries(
    new Intl.DateTimeFormat('en-CA', {
      timeZone,
      year: 'numeric',
      month: '2-digit',
      day: '2-digit',
      hour: '2-digit',
      minute: '2-digit',
      hourCycle: 'h23',
    })
      .formatToParts(instant)
      .map((part) => [part.type, part.value]),
  );
  return `${parts.year}-${parts.month}-${parts.day} ${parts.hour}:${parts.minute}`;
}

function usableZone(timeZone: string | null): boolean {
  if (!timeZone) return false;
  try {
    new Intl.DateTimeFormat('en-CA', { timeZone });
    return true;
  } catch {
    return false;
  }
}
