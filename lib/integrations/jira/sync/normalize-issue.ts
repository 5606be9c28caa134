import { z } from 'zod';
import type { StandardPriority, StandardStatus } from '../mapping/standard-model';

/*
 * One Jira issue (search/jql with SYNC_FIELDS) → the values of its jira_tickets row. Pure: the raw values
 * and the mapping in, the row out, so it can be rerun at any time without calling Jira. The same lookup
 * runs as SQL for re-normalization (db/queries/jira-tickets-sync.ts, renormalizeTickets); a database
 * test holds the two to the same answers.
 */

/** The fields every sync request asks for: Jira's default field set is far larger than Portico keeps. */
export const SYNC_FIELDS = [
  'summary',
  'status',
  'priority',
  'issuetype',
  'project',
  'assignee',
  'reporter',
  'created',
  'updated',
  'duedate',
  'labels',
  'resolution',
  'parent',
] as const;

const user = z.looseObject({ accountId: z.string(), displayName: z.string().optional() }).nullish();

export const syncedIssueSchema = z.object({
  id: z.string().regex(/^\d+$/),
  key: z.string().min(1),
  fields: z.looseObject({
    summary: z.string().nullish(),
    status: z.looseObject({
      id: z.string(),
      name: z.string(),
      statusCategory: z.looseObject({ key: z.string() }),
    }),
    // Absent when the priority field is hidden from the project's screens (team-managed projects may do that).
    priority: z.looseObject({ id: z.string(), name: z.string() }).nullish(),
    issuetype: z.looseObject({ id: z.string(), name: z.string() }),
    project: z.looseObject({ id: z.string(), key: z.string() }),
    assignee: user,
    reporter: user,
    created: z.string().refine((value) => !Number.isNaN(Date.parse(value)), 'not a date'),
    updated: z.string().refine((value) => !Number.isNaN(Date.parse(value)), 'not a date'),
  }),
});
export type SyncedIssue = z.infer<typeof syncedIssueSchema>;

/** The mapping version in force: the connection's configuration at `version`. */
export interface MappingInForce {
  version: number;
  statusMapping: Record<string, string>;
  priorityMapping: Record<string, string>;
  projectOverrides: Record<string, Record<string, string>>;
}

export interface NormalizedTicket {
  externalId: string;
  key: string;
  projectId: string;
  projectKey: string;
  title: string;
  statusId: string;
  statusName: string;
  statusCategory: string;
  priorityId: string | null;
  priorityName: string | null;
  issueTypeId: string;
  issueTypeName: string;
  standardStatus: StandardStatus;
  standardPriority: StandardPriority;
  mappingVersion: number;
  assigneeAccountId: string | null;
  assigneeName: string | null;
  reporterAccountId: string | null;
  reporterName: string | null;
  vendorAttributes: Record<string, unknown>;
  jiraCreatedAt: Date;
  jiraUpdatedAt: Date;
}

/** Per-project override first, then the connection's mapping; anything unmapped is UNKNOWN. */
export function standardStatusFor(mapping: MappingInForce, projectKey: string, statusId: string): StandardStatus {
  return (mapping.projectOverrides[projectKey]?.[statusId] ?? mapping.statusMapping[statusId] ?? 'UNKNOWN') as StandardStatus;
}

export function standardPriorityFor(mapping: MappingInForce, priorityId: string | null): StandardPriority {
  return ((priorityId === null ? undefined : mapping.priorityMapping[priorityId]) ?? 'UNKNOWN') as StandardPriority;
}

export type NormalizeResult = { ok: true; ticket: NormalizedTicket } | { ok: false; issueId: string | null; problems: string[] };

export function normalizeIssue(raw: unknown, mapping: MappingInForce): NormalizeResult {
  const parsed = syncedIssueSchema.safeParse(raw);
  if (!parsed.success) {
    const id = typeof raw === 'object' && raw !== null && 'id' in raw && typeof raw.id === 'string' ? raw.id : null;
    // Paths and messages only: field values may be customer data.
    return { ok: false, issueId: id, problems: parsed.error.issues.map((issue) => `${issue.path.join('.')}: ${issue.message}`) };
  }
  const { id, key, fields } = parsed.data;
  const priorityId = fields.priority?.id ?? null;
  return {
    ok: true,
    ticket: {
      externalId: id,
      key,
      projectId: fields.project.id,
      projectKey: fields.project.key,
      title: fields.summary ?? '',
      statusId: fields.status.id,
      statusName: fields.status.name,
      statusCategory: fields.status.statusCategory.key,
      priorityId,
      priorityName: fields.priority?.name ?? null,
      issueTypeId: fields.issuetype.id,
      issueTypeName: fields.issuetype.name,
      standardStatus: standardStatusFor(mapping, fields.project.key, fields.status.id),
      standardPriority: standardPriorityFor(mapping, priorityId),
      mappingVersion: mapping.version,
      assigneeAccountId: fields.assignee?.accountId ?? null,
      assigneeName: fields.assignee?.displayName ?? null,
      reporterAccountId: fields.reporter?.accountId ?? null,
      reporterName: fields.reporter?.displayName ?? null,
      vendorAttributes: pickRequested(fields),
      jiraCreatedAt: new Date(fields.created),
      jiraUpdatedAt: new Date(fields.updated),
    },
  };
}

// Only the requested fields are kept, whatever else Jira adds to the answer.
function pickRequested(fields: Record<string, unknown>): Record<string, unknown> {
  const kept: Record<string, unknown> = {};
  for (const name of SYNC_FIELDS) if (fields[name] !== undefined) kept[name] = fields[name];
  return kept;
}
