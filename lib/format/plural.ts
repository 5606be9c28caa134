/**
 * "1 status", "2 statuses", "0 projects": the count and the noun that agrees with it. English
 * only, as the rest of the UI; irregular plurals are passed in.
 */
export function plural(count: number, singular: string, pluralForm = `${singular}s`): string {
  return `${count} ${count === 1 ? singular : pluralForm}`;
}
