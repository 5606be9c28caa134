import { z } from 'zod';
import { API_ERROR_CODES, type ApiErrorCode } from './errors';
import { jiraProjectKeySchema, MAX_PROJECT_FILTER_KEYS } from '@/lib/integrations/jira/mapping/mapping-schema';
import { STANDARD_PRIORITIES, STANDARD_STATUSES } from '@/lib/integrations/jira/mapping/standard-model';
import { DEFAULT_REFRESH_INTERVAL_SECS, MAX_REFRESH_INTERVAL_SECS, MIN_REFRESH_INTERVAL_SECS } from '@/lib/integrations/jira/sync/refresh-interval';
import { syncStateSchema } from './sync-schemas';

/*
 * Request and response schemas of /api/v1. The same objects validate requests at the edge and generate the
 * OpenAPI document (openapi.ts), so the document cannot drift from what the server accepts. Pure: no I/O.
 */

export const MAX_API_MAPPING_ENTRIES = 500;
export const MAX_API_BODY_BYTES = 64 * 1024;

// Kept as sent here (trimmed only once the duplicate check below has seen the raw names).
const jiraName = z
  .string({ error: 'Jira names are strings.' })
  .refine((name) => name.trim().length > 0, { error: 'Jira names cannot be empty.' })
  .refine((name) => name.trim().length <= 255, { error: 'Jira names are at most 255 characters.' });

const statusValue = z.enum(STANDARD_STATUSES, { error: `Use one of the standard statuses: ${STANDARD_STATUSES.join(', ')}.` });
const priorityValue = z.enum(STANDARD_PRIORITIES, {
  error: `Use one of the standard priorities: ${STANDARD_PRIORITIES.join(', ')}.`,
});

const normalizedName = (name: string) => name.trim().toLowerCase();

/**
 * A mapping keyed by Jira name, accepted as an object (`{"Highest": "CRITICAL"}`) or as a list of single-pair
 * objects (`[{"Highest": "CRITICAL"}]`), which some clients produce from ordered maps. Both become one object.
 * Names are matched with Jira trimmed and case-insensitively, so "Done", "done" and " Done " are one name:
 * given twice in either form it is refused rather than silently keeping one of the values. The check runs on
 * the names as sent (the key schema trims them, which would merge them first).
 */
function nameMapping<V extends z.ZodType<string>>(value: V, kind: string) {
  const wrongType = `The ${kind} mapping must be an object of Jira name → standard value, or a list of single-pair objects.`;
  const asObject = z.record(jiraName, value, { error: wrongType });
  const asList = z.array(
    z.record(jiraName, value).refine((pair) => Object.keys(pair).length === 1, {
      error: `Each item of a ${kind} mapping list is an object with exactly one Jira name.`,
    }),
  );
  return z
    .union([asObject, asList], { error: wrongType })
    .check((ctx) => {
      const mapping = ctx.value;
      const named: { name: string; path: PropertyKey[] }[] = Array.isArray(mapping)
        ? mapping.flatMap((pair, index) => Object.keys(pair).map((name) => ({ name, path: [index, name] })))
        : Object.keys(mapping).map((name) => ({ name, path: [name] }));
      const seen = new Set<string>();
      for (const { name, path } of named) {
        const key = normalizedName(name);
        if (seen.has(key)) ctx.issues.push({ code: 'custom', input: mapping, path, message: `"${name}" is mapped twice (names are matched trimmed and case-insensitively); keep one.` });
        seen.add(key);
      }
    })
    .transform((mapping): Record<string, z.output<V>> => {
      const pairs = Array.isArray(mapping) ? mapping.flatMap((pair) => Object.entries(pair)) : Object.entries(mapping);
      return Object.fromEntries(pairs.map(([name, standard]) => [name.trim(), standard]));
    })
    .refine((mapping) => Object.keys(mapping).length <= MAX_API_MAPPING_ENTRIES, {
      error: `A ${kind} mapping holds at most ${MAX_API_MAPPING_ENTRIES} names.`,
    })
    .meta({
      description: `Jira ${kind} name → standard value. An object, or a list of single-pair objects. Names are matched trimmed and case-insensitively, so each may appear once.`,
    });
}

const projectKeysFilter = z
  .array(jiraProjectKeySchema)
  .max(MAX_PROJECT_FILTER_KEYS, { error: `At most ${MAX_PROJECT_FILTER_KEYS} project keys.` })
  .refine((keys) => new Set(keys).size === keys.length, { error: 'A project key is listed twice; remove the duplicate.' })
  .meta({ description: 'Jira project keys to sync, such as "OPS". Empty: every project.', examples: [['OPS', 'PLAT']] });

export const connectionOptionsSchema = z
  .strictObject({
    project_keys_filter: projectKeysFilter.optional(),
    status_mapping: nameMapping(statusValue, 'status').optional(),
    priority_mapping: nameMapping(priorityValue, 'priority').optional(),
  })
  .meta({ id: 'ConnectionOptions' });

const REFRESH_INTERVAL_DESCRIPTION = `Seconds between incremental syncs of this connection's issues, ${MIN_REFRESH_INTERVAL_SECS} to ${MAX_REFRESH_INTERVAL_SECS} (default ${DEFAULT_REFRESH_INTERVAL_SECS}). A change takes effect at once: the next sync is rescheduled.`;
const TIMEOUT_DESCRIPTION = 'Seconds a sync may take (default 1800).';

const refreshInterval = z
  .int({ error: 'refresh_interval_secs is a whole number of seconds.' })
  .min(MIN_REFRESH_INTERVAL_SECS, { error: `refresh_interval_secs is at least ${MIN_REFRESH_INTERVAL_SECS} (1 minute).` })
  .max(MAX_REFRESH_INTERVAL_SECS, { error: `refresh_interval_secs is at most ${MAX_REFRESH_INTERVAL_SECS} (24 hours).` })
  .meta({ description: REFRESH_INTERVAL_DESCRIPTION });
const timeout = z
  .int({ error: 'timeout_secs is a whole number of seconds.' })
  .min(30, { error: 'timeout_secs is at least 30.' })
  .max(86_400, { error: 'timeout_secs is at most 86400 (1 day).' })
  .meta({ description: TIMEOUT_DESCRIPTION });

export const createConnectionSchema = z
  .strictObject({
    vendor: z.literal('JIRA', {
      error: (issue) => (issue.input === undefined ? 'vendor is required (JIRA).' : 'Unknown vendor; the only vendor is "JIRA".'),
    }),
    options: connectionOptionsSchema.optional(),
    refresh_interval_secs: refreshInterval.optional(),
    timeout_secs: timeout.optional(),
  })
  .meta({ id: 'CreateConnectionRequest', examples: [{ vendor: 'JIRA', options: { project_keys_filter: ['OPS'], priority_mapping: { Highest: 'CRITICAL' } } }] });
export type CreateConnectionRequest = z.infer<typeof createConnectionSchema>;

export const updateConnectionSchema = z
  .strictObject({
    options: connectionOptionsSchema.optional(),
    refresh_interval_secs: refreshInterval.optional(),
    timeout_secs: timeout.optional(),
    paused: z
      .boolean({ error: 'paused is true (pause the sync) or false (resume it).' })
      .optional()
      .meta({ description: 'true pauses the sync (no Jira call until resumed); false resumes it. Read back as `sync.paused`.' }),
  })
  .meta({ id: 'UpdateConnectionRequest', examples: [{ paused: true }, { refresh_interval_secs: 3600 }] });
export type UpdateConnectionRequest = z.infer<typeof updateConnectionSchema>;
export type ConnectionOptionsInput = z.infer<typeof connectionOptionsSchema>;

// ---- Responses ----

const isoDate = z.iso.datetime({ offset: true });
const nameToValue = z.record(z.string(), z.string());

export const connectionStatusValues = ['pending_authorization', 'connected', 'needs_reconnect', 'error', 'disconnected'] as const;

export const connectionSchema = z
  .strictObject({
    id: z.uuid(),
    vendor: z.literal('JIRA'),
    organization_id: z.uuid(),
    status: z.enum(connectionStatusValues),
    refresh_interval_secs: z.int().meta({ description: REFRESH_INTERVAL_DESCRIPTION }),
    timeout_secs: z.int().meta({ description: TIMEOUT_DESCRIPTION }),
    oauth2_authorize_url: z.url().nullable().meta({
      description: 'Set in the answer that issued it (create, authorize-url); null elsewhere: the link is shown once.',
    }),
    site: z.strictObject({ cloud_id: z.string(), name: z.string().nullable(), url: z.string().nullable() }).nullable(),
    options: z.strictObject({
      project_keys_filter: z.array(z.string()),
      status_mapping: nameToValue.meta({ description: 'Jira status id → standard status.' }),
      priority_mapping: nameToValue.meta({ description: 'Jira priority id → standard priority.' }),
    }),
    requested_mappings: z
      .strictObject({ status_mapping: nameToValue, priority_mapping: nameToValue })
      .nullable()
      .meta({ description: 'The names given at creation, as sent.' }),
    resolution: z
      .strictObject({
        state: z.enum(['not_requested', 'pending', 'resolved']).meta({
          description: 'pending: not yet matched (waiting for consent, or scheduled after the site connected); resolved: matched once.',
        }),
        unresolved: z.strictObject({ statuses: z.array(z.string()), priorities: z.array(z.string()), project_keys: z.array(z.string()) }),
      })
      .meta({ description: 'Whether the names from creation have been matched with the site’s Jira ids, and which were not found.' }),
    sync: syncStateSchema.nullable().meta({ description: 'Where the sync of this connection’s issues stands; null while it has none.' }),
    created_at: isoDate,
    updated_at: isoDate,
  })
  .meta({ id: 'Connection' });
export type ConnectionResponse = z.infer<typeof connectionSchema>;

export const connectionListSchema = z.strictObject({ data: z.array(connectionSchema) }).meta({ id: 'ConnectionList' });

export const authorizeUrlSchema = z
  .strictObject({ oauth2_authorize_url: z.url(), expires_at: isoDate })
  .meta({ id: 'AuthorizeUrl' });

const outcome = z.enum(['pass', 'warning', 'failure']);
// The troubleshooting page shows these times in the reader's zone; an API caller's zone is unknown.
const UTC_TEXT = (what: string) => `${what}. Times in it are in UTC, as "Nov 23, 2026, 5:30 PM UTC".`;
export const diagnosticRunSchema = z
  .strictObject({
    id: z.string(),
    connection_id: z.uuid(),
    trigger: z.string(),
    outcome,
    started_at: isoDate,
    finished_at: isoDate,
    checks: z.array(
      z.strictObject({
        id: z.string(),
        title: z.string(),
        outcome: z.enum(['pass', 'warning', 'failure', 'skipped']),
        summary: z.string().meta({ description: UTC_TEXT('One plain sentence') }),
        evidence: z.array(
          z.strictObject({ asked: z.string(), answered: z.string().meta({ description: UTC_TEXT('What was answered') }) }),
        ),
        remedy: z.string().nullable().meta({ description: UTC_TEXT('What to do, as full sentences; null when nothing') }),
        action: z.string().nullable(),
      }),
    ),
  })
  .meta({ id: 'DiagnosticRun' });

export const diagnosticsResponseSchema = z
  .strictObject({ run: diagnosticRunSchema.nullable() })
  .meta({ id: 'Diagnostics', description: 'The latest run; null when diagnostics never ran.' });

export const errorSchema = z
  .strictObject({
    error: z.strictObject({
      code: z.enum(Object.keys(API_ERROR_CODES) as [ApiErrorCode, ...ApiErrorCode[]]),
      message: z.string(),
      field: z.string().optional(),
      details: z.array(z.strictObject({ field: z.string(), message: z.string() })).optional(),
    }),
  })
  .meta({ id: 'Error' });

export const pingSchema = z.strictObject({ ok: z.literal(true) }).meta({ id: 'Ping' });
