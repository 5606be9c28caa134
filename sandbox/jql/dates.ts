// Jira's date arithmetic for JQL and issue JSON, in a named IANA time zone.
// Literal formats per Atlassian's JQL reference ("__JQL Date Time Formats"): "yyyy/MM/dd HH:mm",
// "yyyy-MM-dd HH:mm", "yyyy/MM/dd", "yyyy-MM-dd", or a period relative to now with w/d/h/m units
// ("-5d", "-4w 2d", minutes by default); an unquoted number is milliseconds since the epoch. Literals are read
// in the time zone of the user the request runs as (the one `GET /myself` reports), not in UTC.
import { JqlError } from './parse';

const MINUTE = 60_000;
const UNIT_MS: Record<string, number> = { w: 7 * 1440 * MINUTE, d: 1440 * MINUTE, h: 60 * MINUTE, m: MINUTE };
const formatters = new Map<string, Intl.DateTimeFormat>();

function formatter(timeZone: string): Intl.DateTimeFormat {
  let f = formatters.get(timeZone);
  if (!f) {
    f = new Intl.DateTimeFormat('en-US', { timeZone, hourCycle: 'h23', year: 'numeric', month: '2-digit', day: '2-digit', hour: '2-digit', minute: '2-digit', second: '2-digit' });
    formatters.set(timeZone, f);
  }
  return f;
}

export function isTimeZone(name: string): boolean {
  try {
    formatter(name);
    return true;
  } catch {
    return false;
  }
}

/** Offset of `timeZone` from UTC at instant `utcMs`, in milliseconds (east positive). */
export function zoneOffsetMs(timeZone: string, utcMs: number): number {
  const parts: Record<string, number> = {};
  for (const p of formatter(timeZone).formatToParts(new Date(utcMs))) if (p.type !== 'literal') parts[p.type] = Number(p.value);
  const asUtc = Date.UTC(parts.year ?? 1970, (parts.month ?? 1) - 1, parts.day ?? 1, parts.hour ?? 0, parts.minute ?? 0, parts.second ?? 0);
  return asUtc - (utcMs - (((utcMs % 1000) + 1000) % 1000));
}

/**
 * The instant a wall-clock time in `timeZone` denotes. A time repeated by a DST change gives the earlier
 * instant, a time skipped by one is shifted forward by the gap (as java.time, which Jira runs on, does).
 */
export function wallClockToUtc(timeZone: string, y: number, mo: number, d: number, h = 0, mi = 0): number {
  const guess = Date.UTC(y, mo - 1, d, h, mi);
  const before = guess - zoneOffsetMs(timeZone, guess - 86_400_000);
  const after = guess - zoneOffsetMs(timeZone, guess + 86_400_000);
  const valid = [before, after].filter((t) => t + zoneOffsetMs(timeZone, t) === guess);
  return valid.length ? Math.min(...valid) : before;
}

/** Jira's timestamp format, e.g. `2026-04-28T15:33:15.438+0200` (recorded/search-jql-get.recorded.json). */
export function formatJiraDateTime(ms: number, timeZone: string): string {
  const offset = zoneOffsetMs(timeZone, ms);
  const local = new Date(ms + offset).toISOString().slice(0, 23);
  const abs = Math.abs(offset) / MINUTE;
  const sign = offset < 0 ? '-' : '+';
  return `${local}${sign}${String(Math.floor(abs / 60)).padStart(2, '0')}${String(abs % 60).padStart(2, '0')}`;
}

/** The calendar date (yyyy-MM-dd) of an instant in `timeZone`. */
export function calendarDate(ms: number, timeZone: string): string {
  return new Date(ms + zoneOffsetMs(timeZone, ms)).toISOString().slice(0, 10);
}

export const invalidDate = (value: string, field: string) =>
  new JqlError(`Date value '${value}' for field '${field}' is invalid. Valid formats include: 'yyyy/MM/dd HH:mm', 'yyyy-MM-dd HH:mm', 'yyyy/MM/dd', 'yyyy-MM-dd', or a period format e.g. '-5d', '4w 2d'.`);

/** A JQL date literal as an instant. `quoted` tells a period ("-30") from epoch milliseconds (30). */
export function parseJqlDate(value: string, quoted: boolean, field: string, timeZone: string, now: number): number {
  const v = value.trim();
  if (/^now\(\)$/i.test(v)) return now;
  if (!quoted && /^\d+$/.test(v)) return Number(v);
  const abs = /^(\d{4})([/-])(\d{1,2})\2(\d{1,2})(?:\s+(\d{1,2}):(\d{2}))?$/.exec(v);
  if (abs) {
    const [y, mo, d, h, mi] = [abs[1], abs[3], abs[4], abs[5] ?? '0', abs[6] ?? '0'].map(Number) as [number, number, number, number, number];
    const check = new Date(Date.UTC(y, mo - 1, d));
    if (check.getUTCMonth() !== mo - 1 || check.getUTCDate() !== d || h > 23 || mi > 59) throw invalidDate(value, field);
    return wallClockToUtc(timeZone, y, mo, d, h, mi);
  }
  const period = /^([-+]?)\s*((?:\d+\s*[wdhm]?\s*)+)$/i.exec(v);
  if (period?.[2]) {
    let ms = 0;
    for (const m of period[2].matchAll(/(\d+)\s*([wdhm]?)/gi)) ms += Number(m[1]) * (UNIT_MS[(m[2] || 'm').toLowerCase()] ?? MINUTE);
    return now + (period[1] === '-' ? -ms : ms);
  }
  throw invalidDate(value, field);
}
