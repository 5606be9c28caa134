import type { TimePrefix } from './time-token';

const UNITS: [Intl.RelativeTimeFormatUnit, number][] = [
  ['year', 365 * 24 * 3600],
  ['month', 30 * 24 * 3600],
  ['week', 7 * 24 * 3600],
  ['day', 24 * 3600],
  ['hour', 3600],
  ['minute', 60],
];

const relative = new Intl.RelativeTimeFormat('en', { numeric: 'auto' });

/** "3 hours ago", "in 2 minutes", "yesterday"; under a minute either way, "just now". */
export function formatRelative(date: Date, now: Date): string {
  const seconds = Math.round((date.getTime() - now.getTime()) / 1000);
  for (const [unit, size] of UNITS) {
    if (Math.abs(seconds) >= size) return relative.format(Math.trunc(seconds / size), unit);
  }
  return 'just now';
}

/** The absolute time in a given time zone (the reader's, in the browser), with the zone named. */
export function formatInZone(date: Date, timeZone: string | undefined, precision: 'minutes' | 'seconds' = 'minutes'): string {
  return new Intl.DateTimeFormat('en', {
    year: 'numeric',
    month: 'short',
    day: 'numeric',
    hour: 'numeric',
    minute: '2-digit',
    ...(precision === 'seconds' ? { second: '2-digit' } : {}),
    timeZone,
    timeZoneName: 'short',
  }).format(date);
}

/** Within this distance of now a time reads better as "3 min ago"; beyond it, as a date. */
const RECENT_SECONDS = 24 * 3600;

export type TimeVariant = 'auto' | 'exact';

/**
 * What a time shows and what its hover says. `auto`: relative while recent, else the date in the reader's zone;
 * `exact`: the reader's local time to the second, so neighbouring history rows never read the same. The hover is
 * always the exact UTC time, so two admins in different places can compare notes. Inside a sentence, `prefix` is the
 * word an absolute time needs there ("on Nov 23, …"); a relative one goes without ("3 minutes ago").
 */
export function describeTime(date: Date, now: Date, timeZone: string | undefined, variant: TimeVariant = 'auto', prefix?: TimePrefix) {
  const title = formatInZone(date, 'UTC', 'seconds');
  const absolute = (text: string) => ({ text: prefix ? `${prefix} ${text}` : text, title });
  if (variant === 'exact') return absolute(formatInZone(date, timeZone, 'seconds'));
  const recent = Math.abs(date.getTime() - now.getTime()) < RECENT_SECONDS * 1000;
  return recent ? { text: formatRelative(date, now), title } : absolute(formatInZone(date, timeZone));
}
