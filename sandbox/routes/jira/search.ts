// search/jql (GET and POST, token-paged, no total), search/approximate-count and GET issue/{issueIdOrKey}.
//
// Paging is keyset ("search after"): a nextPageToken holds the sort values of the last issue returned, and every
// page re-runs the query against the issues as they are now. So an issue changed between pages is returned at
// its latest version when its position is still ahead of the cursor (with ORDER BY updated ASC an update always
// moves it ahead, so it comes again later), and is not repeated when it is behind (its new `updated` is what an
// incremental `updated >=` poll finds). Nothing changes → no duplicate, no gap. Tokens expire after 7 days
// (SearchAndReconcileResults.nextPageToken in the OpenAPI document). The sandbox's index is read-after-write
// consistent, so `reconcileIssues` (at most 50 ids) changes nothing; real Jira may lag by seconds.
import { createHash } from 'node:crypto';
import { z } from 'zod';
import { compileJql, type CompiledJql, type JqlContext } from '../../jql/evaluate';
import { JqlError } from '../../jql/parse';
import type { IssueDef } from '../../world/types';
import { canBrowseIssues, errorCollection, listParam, type JiraContext, type JiraHandler } from './context';
import { issueJson, personFor, resolveFields, type IssueField } from './issue-json';

const UNBOUNDED = 'Unbounded JQL queries are not allowed here. Please add a search restriction to your query.';
const BAD_TOKEN = 'The provided next page token is invalid or expired.';
const TOKEN_LIFETIME_MS = 7 * 86_400_000;

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

const TokenSchema = z.object({ q: z.string(), k: z.array(z.union([z.number(), z.string()])), t: z.number() });
type SortValue = number | string;

const queryHash = (jql: string) => createHash('sha256').update(jql).digest('base64url').slice(0, 12);

/** JQL runs as the token's user: their account for currentUser(), their time zone for date literals. */
export function userJqlContext(ctx: Pick<JiraContext, 'state' | 'token'>): JqlContext {
  const timeZone = personFor(ctx.state.world, ctx.token.accountId)?.timeZone ?? ctx.state.world.user.timeZone;
  return { accountId: ctx.token.accountId, timeZone, now: ctx.state.now() };
}

function compile(ctx: JiraContext, jql: string): CompiledJql {
  const compiled = compileJql(ctx.site, userJqlContext(ctx), jql);
  if (!compiled.bounded) throw new JqlError(UNBOUNDED);
  return compiled;
}

const visible = (ctx: JiraContext, compiled: CompiledJql) => (i: IssueDef) => canBrowseIssues(ctx.site, i.projectId) && compiled.matches(i);

/** Candidate issues in id order after `afterId`: only the query's projects when it names them. */
const candidates = (ctx: JiraContext, compiled: CompiledJql, afterId = -1) =>
  compiled.projectScope ? ctx.site.issues.scanProjects(compiled.projectScope, afterId) : ctx.site.issues.scanAfter(afterId);

// The sorted results of the last few queries per site, reused while no issue changes (a 100,000-issue backfill
// then costs one sort per query, not one per page). Several entries: a backfill read in 8 segments alternates
// 8 queries, and a single entry was evicted by every other page (a full scan and sort of 106,050 issues each).
const SORTED_CACHE_ENTRIES = 16;
type SortedEntry = { version: number; ids: Uint32Array };
const sortedCache = new WeakMap<object, Map<string, SortedEntry>>();

function sortedIds(ctx: JiraContext, compiled: CompiledJql, jql: string): Uint32Array {
  const store = ctx.site.issues;
  // Who asks and in which time zone decide the result as much as the JQL does.
  const key = [ctx.token.accountId, userJqlContext(ctx).timeZone, jql].join('\u0000');
  let entries = sortedCache.get(store);
  if (!entries) sortedCache.set(store, (entries = new Map<string, SortedEntry>()));
  const hit = entries.get(key);
  if (hit && !compiled.usesNow && hit.version === store.version) {
    // Most recently used last, so the oldest is the first evicted.
    entries.delete(key);
    entries.set(key, hit);
    return hit.ids;
  }
  const keep = visible(ctx, compiled);
  const rows: Array<{ id: number; keys: SortValue[] }> = [];
  for (const i of candidates(ctx, compiled)) if (keep(i)) rows.push({ id: Number(i.id), keys: compiled.sortKeys(i) });
  rows.sort((a, b) => compiled.compareKeys(a.keys, b.keys));
  const ids = Uint32Array.from(rows, (r) => r.id);
  entries.delete(key);
  entries.set(key, { version: store.version, ids });
  while (entries.size > SORTED_CACHE_ENTRIES) entries.delete(entries.keys().next().value!);
  return ids;
}

/** Up to `limit` issues strictly after `cursor` in the query's order, at their current versions. */
function pageAfter(ctx: JiraContext, compiled: CompiledJql, jql: string, cursor: SortValue[] | null, limit: number): IssueDef[] {
  const store = ctx.site.issues;
  const page: IssueDef[] = [];
  if (compiled.idOrder) {
    const keep = visible(ctx, compiled);
    const after = cursor ? Number(cursor[0]) : -1;
    for (const i of candidates(ctx, compiled, after)) {
      if (keep(i)) page.push(i);
      if (page.length === limit) break;
    }
    return page;
  }
  const ids = sortedIds(ctx, compiled, jql);
  let lo = 0;
  if (cursor) {
    let hi = ids.length;
    while (lo < hi) {
      const mid = (lo + hi) >>> 1;
      const issue = store.getById(String(ids[mid]));
      if (issue && compiled.compareKeys(compiled.sortKeys(issue), cursor) <= 0) lo = mid + 1;
      else hi = mid;
    }
  }
  for (let n = lo; n < ids.length && page.length < limit; n++) {
    const issue = store.getById(String(ids[n]));
    if (issue) page.push(issue);
  }
  return page;
}

function search(ctx: JiraContext, input: { jql: string; nextPageToken?: string; maxResults?: number; fields: string[]; reconcileIssues?: number[] }) {
  const fields: IssueField[] | null = resolveFields(input.fields, 'id');
  // Documented for maxResults: "The greatest number of items returned per page is achieved when requesting `id`
  // or `key` only. It returns max 5000 issues." Any other field caps a page at 100.
  const idOrKeyOnly = fields === null || (input.fields.length > 0 && input.fields.every((f) => f === 'id' || f === 'key'));
  const cap = idOrKeyOnly ? 5000 : 100;
  const maxResults = Math.min(cap, Math.max(1, input.maxResults ?? 50));
  if ((input.reconcileIssues?.length ?? 0) > 50) return errorCollection(400, 'The number of issues to reconcile must not exceed 50.');
  let cursor: SortValue[] | null = null;
  if (input.nextPageToken) {
    let raw: unknown;
    try {
      raw = JSON.parse(Buffer.from(input.nextPageToken, 'base64url').toString('utf8'));
    } catch {
      return errorCollection(400, BAD_TOKEN);
    }
    const token = TokenSchema.safeParse(raw);
    if (!token.success || token.data.q !== queryHash(input.jql) || ctx.state.now() - token.data.t > TOKEN_LIFETIME_MS) return errorCollection(400, BAD_TOKEN);
    cursor = token.data.k;
  }
  try {
    const compiled = compile(ctx, input.jql);
    const rows = pageAfter(ctx, compiled, input.jql, cursor, maxResults + 1);
    const page = rows.slice(0, maxResults);
    const last = page[page.length - 1];
    const isLast = rows.length <= maxResults || !last;
    const token = last && !isLast ? Buffer.from(JSON.stringify({ q: queryHash(input.jql), k: compiled.sortKeys(last), t: ctx.state.now() })).toString('base64url') : undefined;
    return { status: 200, body: { issues: page.map((i) => issueJson(ctx, i, fields)), ...(token ? { nextPageToken: token } : {}), isLast } };
  } catch (e) {
    if (e instanceof JqlError) return errorCollection(400, e.message);
    throw e;
  }
}

export const searchJqlGet: JiraHandler = (ctx) => {
  const n = ctx.query.get('maxResults');
  const reconcile = listParam(ctx.query, 'reconcileIssues').map(Number);
  return search(ctx, { jql: ctx.query.get('jql') ?? '', nextPageToken: ctx.query.get('nextPageToken') ?? undefined, maxResults: n ? Number(n) : undefined, fields: listParam(ctx.query, 'fields'), reconcileIssues: reconcile });
};

export const searchJqlPost: JiraHandler = (ctx) => {
  const parsed = SearchBodySchema.safeParse(ctx.body ?? {});
  if (!parsed.success || ctx.body === null) return errorCollection(400, 'Invalid request payload. Refer to the REST API documentation and try again.');
  const { jql, nextPageToken, maxResults, fields, reconcileIssues } = parsed.data;
  return search(ctx, { jql: jql ?? '', nextPageToken, maxResults, fields: fields ?? [], reconcileIssues });
};

export const approximateCount: JiraHandler = (ctx) => {
  const parsed = z.object({ jql: z.string() }).safeParse(ctx.body ?? {});
  if (!parsed.success) return errorCollection(400, 'Invalid request payload. Refer to the REST API documentation and try again.');
  try {
    const compiled = compile(ctx, parsed.data.jql);
    const keep = visible(ctx, compiled);
    let count = 0;
    for (const i of candidates(ctx, compiled)) if (keep(i)) count++;
    return { status: 200, body: { count } };
  } catch (e) {
    if (e instanceof JqlError) return errorCollection(400, e.message);
    throw e;
  }
};

// GET issue/{issueIdOrKey}: default fields `*all`. A deleted issue, or one the user cannot browse, is the
// documented 404 (a key the issue carried before a move still finds it).
export const getIssue: JiraHandler = (ctx) => {
  const issue = ctx.site.issues.get(ctx.params.issueIdOrKey ?? '');
  if (!issue || !canBrowseIssues(ctx.site, issue.projectId)) return errorCollection(404, 'Issue does not exist or you do not have permission to see it.');
  return { status: 200, body: issueJson(ctx, issue, resolveFields(listParam(ctx.query, 'fields'), '*all') ?? []) };
};
