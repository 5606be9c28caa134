// /__sandbox/issues… : issues that change over time (create, update, delete, move, generate) and the time zones
// JQL and timestamps use. Every change stamps `updated` from the sandbox clock and fires the webhook event Jira
// would (webhooks/issue-events.ts), sent asynchronously after this answer.
import type { z } from 'zod';
import type { Reply } from '../http/respond';
import type { SandboxState } from '../state';
import { createIssue, deleteIssue, generateIssues, getIssueOrFail, IssueChangeError, moveIssue, updateIssue, updateIssues } from '../world/issue-changes';
import type { IssueDef, SiteWorld } from '../world/types';
import { fireIssueEvent } from '../webhooks/issue-events';
import { IssueBulkUpdateBodySchema, IssueCreateBodySchema, IssueGenerateBodySchema, IssueMoveBodySchema, IssuePatchBodySchema, SiteBodySchema, UserBodySchema } from './control-schemas';

type Parse = <T extends z.ZodType>(schema: T, body: unknown) => { ok: true; data: z.infer<T> } | { ok: false; reply: Reply };

/** The sandbox's own view of an issue (plain ids and ISO instants), for tests. */
export type SandboxIssue = ReturnType<typeof issueView>;

export function issueView(site: SiteWorld, i: IssueDef) {
  const status = site.index.statusById.get(i.statusId);
  return {
    id: i.id,
    key: i.key,
    projectKey: site.index.projectById.get(i.projectId)?.key ?? null,
    summary: i.summary,
    issueTypeId: i.issueTypeId,
    status: { id: i.statusId, name: status?.name ?? null, category: status?.category ?? null },
    priority: { id: i.priorityId, name: site.index.priorityById.get(i.priorityId)?.name ?? null },
    assignee: i.assigneeId,
    reporter: i.reporterId,
    labels: i.labels,
    duedate: i.duedate,
    parentId: i.parentId,
    created: new Date(i.created).toISOString(),
    updated: new Date(i.updated).toISOString(),
    resolved: i.resolved === null ? null : new Date(i.resolved).toISOString(),
  };
}

/** The scenario's first site unless the request names one. */
function siteFor(state: SandboxState, cloudId: string | null | undefined): SiteWorld | Reply {
  const site = cloudId ? state.site(cloudId) : state.world.sites[0];
  return site ?? { status: 404, body: { error: 'unknown_site', cloudIds: [cloudId] } };
}

const isReply = (x: SiteWorld | Reply): x is Reply => 'status' in x;

export function handleIssueControl(state: SandboxState, method: string, path: string, body: unknown, query: URLSearchParams, parse: Parse): Reply | null {
  if (method === 'POST' && path === '/__sandbox/user') {
    const p = parse(UserBodySchema, body);
    if (!p.ok) return p.reply;
    state.world.user.timeZone = p.data.timeZone;
    return { status: 200, body: state.world.user };
  }
  if (method === 'POST' && path === '/__sandbox/site') {
    const p = parse(SiteBodySchema, body);
    if (!p.ok) return p.reply;
    const site = siteFor(state, p.data.cloudId);
    if (isReply(site)) return site;
    site.timeZone = p.data.timeZone;
    return { status: 200, body: { cloudId: site.cloudId, timeZone: site.timeZone } };
  }
  const m = /^\/__sandbox\/issues(?:\/([^/]+))?(\/move)?$/.exec(path);
  if (!m) return null;
  const [, target, move] = m;
  const now = state.now();
  const cloudIdOf = (b: unknown) => (b && typeof b === 'object' && 'cloudId' in b && typeof b.cloudId === 'string' ? b.cloudId : query.get('cloudId'));
  const site = siteFor(state, cloudIdOf(body));
  if (isReply(site)) return site;
  try {
    if (target === 'generate' && method === 'POST') {
      const p = parse(IssueGenerateBodySchema, body);
      if (!p.ok) return p.reply;
      const created = generateIssues(site, state.world, p.data, now);
      for (const issue of created) fireIssueEvent(state, site, { kind: 'created', issue });
      return { status: 201, body: { created: created.length, firstKey: created[0]?.key, lastKey: created[created.length - 1]?.key, issues: site.issues.size } };
    }
    if (target === 'bulk-update' && method === 'POST') {
      const p = parse(IssueBulkUpdateBodySchema, body);
      if (!p.ok) return p.reply;
      const pairs: Array<[IssueDef, IssueDef]> = [];
      const changed = updateIssues(site, state.world, p.data, p.data.patch, now, pairs);
      for (const [before, issue] of pairs) fireIssueEvent(state, site, { kind: 'updated', before, issue });
      return { status: 200, body: { updated: changed.length, keys: changed.map((i) => i.key) } };
    }
    if (!target && method === 'POST') {
      const p = parse(IssueCreateBodySchema, body);
      if (!p.ok) return p.reply;
      const issue = createIssue(site, state.world, p.data, now);
      fireIssueEvent(state, site, { kind: 'created', issue });
      return { status: 201, body: issueView(site, issue) };
    }
    if (!target) return null;
    const idOrKey = decodeURIComponent(target);
    if (move && method === 'POST') {
      const p = parse(IssueMoveBodySchema, body);
      if (!p.ok) return p.reply;
      const before = getIssueOrFail(site, idOrKey);
      const issue = moveIssue(site, idOrKey, p.data, now);
      fireIssueEvent(state, site, { kind: 'updated', before, issue, moved: true });
      return { status: 200, body: issueView(site, issue) };
    }
    if (move) return null;
    if (method === 'GET') return { status: 200, body: issueView(site, getIssueOrFail(site, idOrKey)) };
    if (method === 'PATCH') {
      const p = parse(IssuePatchBodySchema, body);
      if (!p.ok) return p.reply;
      const { cloudId: _c, ...patch } = p.data;
      const before = getIssueOrFail(site, idOrKey);
      const issue = updateIssue(site, state.world, idOrKey, patch, now);
      fireIssueEvent(state, site, { kind: 'updated', before, issue });
      return { status: 200, body: issueView(site, issue) };
    }
    if (method === 'DELETE') {
      const issue = deleteIssue(site, idOrKey);
      fireIssueEvent(state, site, { kind: 'deleted', issue });
      return { status: 200, body: { deleted: issueView(site, issue) } };
    }
    return null;
  } catch (e) {
    if (e instanceof IssueChangeError) return { status: e.status, body: { error: e.status === 404 ? 'not_found' : 'invalid_change', message: e.message } };
    throw e;
  }
}
