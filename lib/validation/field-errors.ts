import type { z } from 'zod';

/**
 * Zod issues as `{ "config.statusMapping.10001": [message] }`. An unknown field is reported under its own
 * path, so the UI (and a developer reading a 422) sees which field to remove. Collected in a Map: a field
 * named "__proto__" must become a key of the answer, not reach Object.prototype.
 */
export function toFieldErrors(error: z.ZodError): Record<string, string[]> {
  const fieldErrors = new Map<string, string[]>();
  const add = (path: PropertyKey[], message: string) => {
    const key = path.map(String).join('.') || 'body';
    fieldErrors.set(key, [...(fieldErrors.get(key) ?? []), message]);
  };
  for (const issue of error.issues) {
    if (issue.code === 'unrecognized_keys') issue.keys.forEach((key) => add([...issue.path, key], issue.message));
    else add(issue.path, issue.message);
  }
  return Object.fromEntries(fieldErrors);
}
