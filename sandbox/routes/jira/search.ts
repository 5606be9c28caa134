// search/jql (GET and POST, token-paged, no total) and search/approximate-count.
import { z } from 'zod';
import { compileJql } from '../../jql/evaluate';
import { JqlError } from '../../jql/parse';
import type { IssueDef, SiteWorld } from '../../world/types';
import { canBrowseIssues, errorCollection, listParam, type JiraContext, type JiraHandler } from './context';
import { issueTypeJson, jiraDate, priorityJson, projectSummaryJson, statusJson, userJson } from './serialize';

const UNBOUNDED = 'Unbounded JQL queries are not allowed here. Please add a search restriction to your query.';
const NAVIGABLE = ['summary', 'status', 'priority', 'issuetype', 'project', 'created', 'updated', 'assignee'];

const SearchBodySchema = z.object({
  jql: z.string().optional(),
  nextPageToken: z.string().optional(),
  maxResults: z.number().int().optional(),
  fields: z.array(z.string()).optional(),
  expand: z.string().optional(),
  properties: z.array(z.string()).optional(),
  fieldsByKeys: z.boolean().optional(),
  failFast: z.boolean().optional(),
  reconcileIssues: z.array(z.number()).optional(),
});

function resolveFields(requested: string[]): string[] {
  if (requested.length === 0) return ['id'];
  const include = new Set<string>();
  for (const f of requested) {
    if (f === '*all' || f === '*navigable') NAVIGABLE.forEach((n) => include.add(n));
    else if (!f.startsWith('-')) include.add(f);
  }
  for (const f of requested) if (f.startsWith('-')) include.delete(f.slice(1));
  return [...include];
}

function issueJson(ctx: JiraContext, site: SiteWorld, issue: IssueDef, fields: string[]) {
  if (fields.length === 1 && fields[0] === 'id') return { id: issue.id };
  const project = site.index.projectById.get(issue.projectId);
  const status = site.index.statusById.get(issue.statusId);
  const type = site.index.issueTypeById.get(issue.issueTypeId);
  const priority = site.index.priorityById.get(issue.priorityId);
  const all: Record<string, () => unknown> = {
    summary: () => issue.summary,
    status: () => status && statusJson(ctx.api, site, status),
    priority: () => priority && priorityJson(ctx.api, site, priority, false),
    issuetype: () => type && issueTypeJson(ctx.api, type),
    project: () => project && projectSummaryJson(ctx.api, project),
    created: () => jiraDate(issue.created),
    updated: () => jiraDate(issue.updated),
    assignee: () => (issue.assigned ? userJson(ctx.api, ctx.state.world.user, false) : null),
  };
  const out: Record<string, unknown> = {};
  for (const f of fields) if (all[f]) out[f] = all[f]();
  return { expand: 'renderedFields,names,schema,operations,editmeta,changelog,versionedRepresentations', id: issue.id, self: `${ctx.api}/issue/${issue.id}`, key: issue.key, fields: out };
}

function runQuery(ctx: JiraContext, jql: string) {
  const compiled = compileJql(ctx.site, ctx.token.accountId, jql);
  if (!compiled.bounded) throw new JqlError(UNBOUNDED);
  return ctx.site.issues.filter((i) => canBrowseIssues(ctx.site, i.projectId) && compiled.matches(i)).sort(compiled.compare);
}

function search(ctx: JiraContext, input: { jql: string; nextPageToken?: string; maxResults?: number; fields: string[] }) {
  const fields = resolveFields(input.fields);
  const cap = fields.length === 1 && fields[0] === 'id' ? 5000 : 100;
  const maxResults = Math.min(cap, Math.max(1, input.maxResults ?? 50));
  let offset = 0;
  if (input.nextPageToken) {
    const decoded = /^(\d+):/.exec(Buffer.from(input.nextPageToken, 'base64url').toString('utf8'));
    if (!decoded?.[1]) return errorCollection(400, 'The provided next page token is invalid or expired.');
    offset = Number(decoded[1]);
  }
  try {
    const all = runQuery(ctx, input.jql);
    const page = all.slice(offset, offset + maxResults);
    const isLast = offset + page.length >= all.length;
    const token = Buffer.from(`${offset + page.length}:${input.jql.length}`).toString('base64url');
    return { status: 200, body: { issues: page.map((i) => issueJson(ctx, ctx.site, i, fields)), ...(isLast ? {} : { nextPageToken: token }), isLast } };
  } catch (e) {
    if (e instanceof JqlError) return errorCollection(400, e.message);
    throw e;
  }
}

export const searchJqlGet: JiraHandler = (ctx) => {
  const n = ctx.query.get('maxResults');
  return search(ctx, { jql: ctx.query.get('jql') ?? '', nextPageToken: ctx.query.get('nextPageToken') ?? undefined, maxResults: n ? Number(n) : undefined, fields: listParam(ctx.query, 'fields') });
};

export const searchJqlPost: JiraHandler = (ctx) => {
  const parsed = SearchBodySchema.safeParse(ctx.body ?? {});
  if (!parsed.success || ctx.body === null) return errorCollection(400, 'Invalid request payload. Refer to the REST API documentation and try again.');
  const { jql, nextPageToken, maxResults, fields } = parsed.data;
  return search(ctx, { jql: jql ?? '', nextPageToken, maxResults, fields: fields ?? [] });
};

export const approximateCount: JiraHandler = (ctx) => {
  const parsed = z.object({ jql: z.string() }).safeParse(ctx.body ?? {});
  if (!parsed.success) return errorCollection(400, 'Invalid request payload. Refer to the REST API documentation and try again.');
  try {
    return { status: 200, body: { count: runQuery(ctx, parsed.data.jql).length } };
  } catch (e) {
    if (e instanceof JqlError) return errorCollection(400, e.message);
    throw e;
  }
};
