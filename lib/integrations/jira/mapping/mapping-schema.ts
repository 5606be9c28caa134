import { z } from 'zod';
import { StandardPrioritySchema, StandardStatusSchema } from './standard-model';

/*
 * Saved mappings are keyed by Jira's ids, never by names: admins rename statuses freely, and team-managed
 * projects can each own a status called "Done" with its own id. Jira sends status and priority ids as strings
 * of digits ("10001"); anything else in a key means a bug or a forged request.
 */

// Generous bounds on what one save may send; they exist to cap the work a single request can cause.
export const MAX_MAPPING_ENTRIES = 5_000;
export const MAX_PROJECT_FILTER_KEYS = 1_000;

const JIRA_ID_MESSAGE = 'Jira ids are strings of digits, such as "10001". Reload the Jira statuses and try again.';

// 18 digits is far past any Jira id and still fits a Postgres bigint if a column ever needs one.
export const jiraIdSchema = z.string().regex(/^\d{1,18}$/, { error: JIRA_ID_MESSAGE });

// Without this, a bad key surfaces as zod's bare "Invalid key in record" with the useful text nested inside.
const recordErrors = (kind: string) => ({
  error: (issue: { code?: string }) =>
    issue.code === 'invalid_key'
      ? JIRA_ID_MESSAGE
      : `The ${kind} mapping must be an object from Jira ids to standard values; reload the page and try again.`,
});

function withinSize(mapping: Record<string, unknown>): boolean {
  return Object.keys(mapping).length <= MAX_MAPPING_ENTRIES;
}

export const statusMappingSchema = z
  .record(jiraIdSchema, StandardStatusSchema, recordErrors('status'))
  .refine(withinSize, {
    error: `A status mapping can hold at most ${MAX_MAPPING_ENTRIES.toLocaleString('en-US')} Jira statuses; remove statuses that no longer exist and save again.`,
  });
export type StatusMapping = z.infer<typeof statusMappingSchema>;

export const priorityMappingSchema = z
  .record(jiraIdSchema, StandardPrioritySchema, recordErrors('priority'))
  .refine(withinSize, {
    error: `A priority mapping can hold at most ${MAX_MAPPING_ENTRIES.toLocaleString('en-US')} Jira priorities; remove priorities that no longer exist and save again.`,
  });
export type PriorityMapping = z.infer<typeof priorityMappingSchema>;

/*
 * Jira Cloud's project key rule: an upper-case letter, then upper-case letters, digits or underscores, 2 to 10
 * characters in all. (Data Center lets admins change the pattern; Portico only connects to Cloud.)
 */
export const jiraProjectKeySchema = z.string().regex(/^[A-Z][A-Z0-9_]{1,9}$/, {
  error: 'Project keys are 2 to 10 capital letters, digits or underscores and start with a letter, such as "OPS".',
});

export const projectFilterSchema = z
  .array(jiraProjectKeySchema)
  .max(MAX_PROJECT_FILTER_KEYS, {
    error: `Choose at most ${MAX_PROJECT_FILTER_KEYS.toLocaleString('en-US')} projects; remove some and save again.`,
  })
  .superRefine((keys, ctx) => {
    const seen = new Set<string>();
    keys.forEach((key, index) => {
      if (seen.has(key)) {
        ctx.addIssue({
          code: 'custom',
          path: [index],
          message: `Project ${key} is listed twice; remove the duplicate.`,
        });
      }
      seen.add(key);
    });
  });
export type ProjectFilter = z.infer<typeof projectFilterSchema>;
