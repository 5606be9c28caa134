const minutes = new Intl.DateTimeFormat('en', { dateStyle: 'medium', timeStyle: 'short', timeZone: 'UTC' });
const seconds = new Intl.DateTimeFormat('en', { dateStyle: 'medium', timeStyle: 'medium', timeZone: 'UTC' });

/** Dates as admins read them across Portico: UTC, so two admins in different places agree. */
export function formatUtc(date: Date | string, precision: 'minutes' | 'seconds' = 'minutes'): string {
  return (precision === 'seconds' ? seconds : minutes).format(typeof date === 'string' ? new Date(date) : date);
}

/** The same, labelled: "Nov 23, 2026, 5:30 PM UTC". */
export function formatUtcLabel(date: Date | string, precision: 'minutes' | 'seconds' = 'minutes'): string {
  return `${formatUtc(date, precision)} UTC`;
}
