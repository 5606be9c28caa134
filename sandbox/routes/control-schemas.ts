// zod schemas for the /__sandbox control API bodies.
import { z } from 'zod';
import { isTimeZone } from '../jql/dates';
import { SCENARIO_NAMES } from '../scenarios';
import { GRANT_TYPES } from '../types';

export const ScenarioBodySchema = z.object({ name: z.enum(SCENARIO_NAMES) });

export const KnobsBodySchema = z.object({
  accessTokenLifetimeSecs: z.number().int().positive().optional(),
  reuseLeewaySecs: z.number().int().nonnegative().optional(),
  latencyMs: z.number().int().nonnegative().optional(),
  clockOffsetSecs: z.number().optional(),
  /** Adds to the current clock offset. */
  advanceClockSecs: z.number().optional(),
  rateLimit: z.object({ limit: z.number().int().nonnegative(), windowSecs: z.number().positive() }).nullable().optional(),
});

export const FaultBodySchema = z
  .object({
    route: z.string().min(1),
    count: z.number().int().positive().default(1),
    status: z.number().int().min(100).max(599).optional(),
    headers: z.record(z.string(), z.string()).optional(),
    body: z.unknown().optional(),
    delayMs: z.number().int().nonnegative().optional(),
    timeout: z.boolean().optional(),
  })
  .refine((f) => f.status !== undefined || f.delayMs !== undefined || f.timeout === true, { message: 'Give status, delayMs or timeout.' });

export const AppBodySchema = z.object({
  clientId: z.string().min(1),
  clientSecret: z.string().min(1),
  name: z.string().min(1),
  callbackUrl: z.string().url(),
  scopes: z.array(z.string().min(1)),
  grantType: z.enum(GRANT_TYPES).default('account'),
});

/** Changes an app's grant type (developer console); clientId defaults to the sandbox's own app. */
export const GrantTypeBodySchema = z.object({ grantType: z.enum(GRANT_TYPES), clientId: z.string().min(1).optional() });

export const ConsentBodySchema = z.object({
  accountId: z.string().optional(),
  clientId: z.string().min(1),
  cloudIds: z.array(z.string()).min(1),
  /** Defaults to every scope the app is configured with. */
  scopes: z.array(z.string()).optional(),
});

export const RemoveSiteBodySchema = z.object({ cloudId: z.string().min(1), accountId: z.string().optional(), clientId: z.string().optional() });

const cloudId = z.string().min(1).optional();
const idOrName = z.string().min(1);
const dateOnly = z.string().regex(/^\d{4}-\d{2}-\d{2}$/, 'Use yyyy-MM-dd.');
const timeZone = z.string().refine(isTimeZone, { message: 'Use an IANA time zone name such as Pacific/Kiritimati.' });

const IssuePatchShape = {
  summary: z.string().min(1).max(255).optional(),
  status: idOrName.optional(),
  priority: idOrName.optional(),
  assignee: z.string().min(1).nullable().optional(),
  reporter: z.string().min(1).optional(),
  labels: z.array(z.string().regex(/^\S+$/, 'Labels cannot contain spaces.')).optional(),
  duedate: dateOnly.nullable().optional(),
  parent: z.string().min(1).nullable().optional(),
};

export const IssueCreateBodySchema = z.object({ cloudId, projectKey: z.string().min(1), issueType: idOrName.optional(), ...IssuePatchShape }).strict();
export const IssuePatchBodySchema = z
  .object({ cloudId, ...IssuePatchShape })
  .strict()
  .refine((b) => Object.keys(b).some((k) => k !== 'cloudId'), { message: 'Give at least one field to change.' });
export const IssueMoveBodySchema = z.object({ cloudId, projectKey: z.string().min(1), issueType: idOrName.optional(), status: idOrName.optional() }).strict();
export const IssueGenerateBodySchema = z.object({ cloudId, projectKey: z.string().min(1).optional(), count: z.number().int().min(1).max(200_000) }).strict();
export const UserBodySchema = z.object({ timeZone }).strict();
export const SiteBodySchema = z.object({ cloudId, timeZone }).strict();
export const IssueBulkUpdateBodySchema = z
  .object({ cloudId, issues: z.array(z.string().min(1)).min(1).max(200_000).optional(), projectKey: z.string().min(1).optional(), count: z.number().int().min(1).max(200_000).optional(), patch: z.object(IssuePatchShape).strict() })
  .strict()
  .refine((b) => (b.issues ? b.count === undefined && b.projectKey === undefined : b.count !== undefined), { message: 'Give either issues, or count (with an optional projectKey).' });

/** Replaces the webhook delivery faults; fields left out are off. */
export const WebhookFaultsBodySchema = z.object({
  dropFraction: z.number().min(0).max(1).default(0),
  delayMs: z.number().int().nonnegative().max(600_000).default(0),
  duplicate: z.boolean().default(false),
});
