import type { z } from 'zod';

import { JiraError } from './errors';

export type Parsed<T> = { ok: true; value: T } | { ok: false; error: JiraError };

/** Parses a 2xx body. Failures name the operation and the failing paths, never the body itself. */
export function parseResponseBody<S extends z.ZodType>(
  text: string,
  schema: S,
  operation: string,
  status: number,
): Parsed<z.output<S>> {
  let json: unknown;
  try {
    json = JSON.parse(text);
  } catch {
    const message = `Jira call ${operation} returned a body that is not JSON.`;
    return { ok: false, error: new JiraError('bad_response', message, { operation, status }) };
  }
  const result = schema.safeParse(json);
  if (result.success) return { ok: true, value: result.data };
  // zod 4 issues carry no input values unless asked to (reportInput), so paths and messages are safe.
  const issues = result.error.issues
    .slice(0, 5)
    .map((issue) => `${issue.path.map(String).join('.') || '(root)'}: ${issue.message}`);
  const message =
    `Jira call ${operation} returned a response in an unexpected shape ` +
    `(${result.error.issues.length} problem(s)); Atlassian may have changed the API.`;
  return { ok: false, error: new JiraError('bad_response', message, { operation, status, issues }) };
}
