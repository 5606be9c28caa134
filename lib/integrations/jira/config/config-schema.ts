import { z } from 'zod';
import {
  MAX_MAPPING_ENTRIES,
  MAX_PROJECT_FILTER_KEYS,
  jiraProjectKeySchema,
  priorityMappingSchema,
  projectFilterSchema,
  statusMappingSchema,
} from '../mapping/mapping-schema';

/*
 * What one save of a connection's configuration contains, validated on the server before anything is written.
 * Objects are strict: a field the server does not know is a client bug or a forged request, and silently
 * dropping it would hide that the admin's edit was not saved.
 */

const unknownFields = (what: string) => ({
  error: (issue: { code?: string; keys?: string[] }) =>
    issue.code === 'unrecognized_keys'
      ? `Unknown field${issue.keys?.length === 1 ? '' : 's'} ${(issue.keys ?? []).map((key) => `"${key}"`).join(', ')} in the ${what}; remove ${issue.keys?.length === 1 ? 'it' : 'them'} and send again.`
      : `The ${what} must be a JSON object; reload the page and try again.`,
});

/*
 * Project key → partial status mapping. A status a project does not override uses the connection's mapping;
 * an override with no entries means "uses the default" and is dropped, so reset-to-default has one shape.
 */
export const projectOverridesSchema = z
  .record(jiraProjectKeySchema, statusMappingSchema, {
    error: (issue: { code?: string }) =>
      issue.code === 'invalid_key'
        ? 'Project keys are 2 to 10 capital letters, digits or underscores and start with a letter, such as "OPS".'
        : 'Project overrides must be an object from project keys to status mappings; reload the page and try again.',
  })
  .refine((overrides) => Object.keys(overrides).length <= MAX_PROJECT_FILTER_KEYS, {
    error: `At most ${MAX_PROJECT_FILTER_KEYS.toLocaleString('en-US')} projects can have overrides; reset some to the default and save again.`,
  })
  .refine(
    (overrides) => Object.values(overrides).reduce((sum, m) => sum + Object.keys(m).length, 0) <= MAX_MAPPING_ENTRIES,
    {
      error: `Project overrides can hold at most ${MAX_MAPPING_ENTRIES.toLocaleString('en-US')} statuses in all; reset some to the default and save again.`,
    },
  )
  .transform((overrides) =>
    Object.fromEntries(Object.entries(overrides).filter(([, mapping]) => Object.keys(mapping).length > 0)),
  );
export type ProjectOverrides = z.infer<typeof projectOverridesSchema>;

export const jiraConfigSchema = z.strictObject(
  {
    projectFilter: projectFilterSchema,
    statusMapping: statusMappingSchema,
    priorityMapping: priorityMappingSchema,
    projectOverrides: projectOverridesSchema,
  },
  unknownFields('configuration'),
);
export type JiraConfig = z.infer<typeof jiraConfigSchema>;

export const EMPTY_JIRA_CONFIG: JiraConfig = {
  projectFilter: [],
  statusMapping: {},
  priorityMapping: {},
  projectOverrides: {},
};

const versionSchema = (field: string) =>
  z.int({ error: `${field} must be a whole number; reload the page and try again.` }).min(0, {
    error: `${field} cannot be negative; reload the page and try again.`,
  });

export const saveConfigRequestSchema = z.strictObject(
  { expectedVersion: versionSchema('expectedVersion'), config: jiraConfigSchema },
  unknownFields('request'),
);
export type SaveConfigRequest = z.infer<typeof saveConfigRequestSchema>;

export const rollbackRequestSchema = z.strictObject(
  { expectedVersion: versionSchema('expectedVersion'), toVersion: versionSchema('toVersion') },
  unknownFields('request'),
);
export type RollbackRequest = z.infer<typeof rollbackRequestSchema>;
