const minutes = new Intl.DateTimeFormat('en', { dateStyle: 'medium', timeStyle: 'short', timeZone: 'UTC' });
const seconds = new Intl.DateTimeFormat('en', { dateStyle: 'medium', timeStyle: 'medium', timeZone: 'UTC' });

/** Dates as admins read them across Portico: UTC, so two admins in different places agree. */
export function formatUtc(date: Date | string, precision: 'minutes' | 'seconds' = 'minutes'): string {
  return (precision === 'seconds' ? seconds : minutes).format(typeof date === 'string' ? new Date(date) : date);
}
