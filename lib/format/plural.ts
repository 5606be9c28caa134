const number = new Intl.NumberFormat('en');

/**
 * "1 status", "2 statuses", "1,050 projects": the count and the noun that agrees with it. English
 * only, as the rest of the UI; irregular plurals are passed in.
 */
export function plural(count: number, singular: string, pluralForm = `${singular}s`): string {
  return `${number.format(count)} ${count === 1 ? singular : pluralForm}`;
}
