// An issue as Jira's IssueBean: `fields` selection as documented for search/jql and GET issue, field shapes
// as in recorded/search-jql-get.recorded.json (status, priority, project and users there carry fewer keys than
// their own endpoints return). Timestamps are rendered in the site's default user time zone, as the OpenAPI
// document's "Timestamps" section says.
import { formatJiraDateTime } from '../../jql/dates';
import { STATUS_CATEGORIES } from '../../world/catalog';
import type { IssueDef, SiteWorld, UserDef, World } from '../../world/types';
import type { JiraContext } from './context';
import { avatarUrls, categoryJson, issueTypeJson } from './serialize';

/** The fields the sandbox models; all of them are navigable, so `*all` and `*navigable` select the same set. */
export const ISSUE_FIELDS = ['summary', 'status', 'priority', 'issuetype', 'project', 'assignee', 'reporter', 'creator', 'created', 'updated', 'duedate', 'labels', 'resolution', 'resolutiondate', 'parent', 'description'] as const;
export type IssueField = (typeof ISSUE_FIELDS)[number];
const KNOWN = new Set<string>(ISSUE_FIELDS);

/**
 * Resolves a `fields` parameter: `*all`, `*navigable`, names, `-name` exclusions. Only exclusions start from
 * the navigable fields (documented: "`-description` Returns all navigable (default) fields except description").
 * `null` = ids only (`fields=id`, or nothing given to search/jql, whose default is `id`).
 */
export function resolveFields(requested: string[], fallback: 'id' | '*all'): IssueField[] | null {
  const list = requested.length ? requested : [fallback];
  const positive = list.filter((f) => !f.startsWith('-'));
  const include = new Set<string>();
  if (positive.length === 0 || positive.some((f) => f === '*all' || f === '*navigable')) ISSUE_FIELDS.forEach((f) => include.add(f));
  for (const f of positive) if (KNOWN.has(f)) include.add(f);
  for (const f of list) if (f.startsWith('-')) include.delete(f.slice(1));
  if (include.size === 0 && positive.every((f) => f === 'id')) return null;
  return ISSUE_FIELDS.filter((f) => include.has(f));
}

export function personFor(world: World, accountId: string | null): UserDef | null {
  if (!accountId) return null;
  return accountId === world.user.accountId ? world.user : (world.people.find((p) => p.accountId === accountId) ?? null);
}

export function issueUserJson(api: string, user: UserDef) {
  const avatar = `https://secure.gravatar.com/avatar/${Buffer.from(user.email).toString('hex').slice(0, 32)}?d=mp`;
  return {
    self: `${api}/user?accountId=${encodeURIComponent(user.accountId)}`,
    accountId: user.accountId,
    emailAddress: user.email,
    avatarUrls: { '48x48': avatar, '24x24': avatar, '16x16': avatar, '32x32': avatar },
    displayName: user.displayName,
    active: true,
    timeZone: user.timeZone,
    accountType: 'atlassian',
  };
}

function statusFieldJson(api: string, site: SiteWorld, statusId: string) {
  const s = site.index.statusById.get(statusId);
  if (!s) return null;
  const cat = STATUS_CATEGORIES.find((c) => c.key === s.category) ?? STATUS_CATEGORIES[0]!;
  return { self: `${api}/status/${s.id}`, description: s.description, iconUrl: `${site.url}/images/icons/statuses/${s.icon}`, name: s.name, id: s.id, statusCategory: categoryJson(api, cat) };
}

function priorityFieldJson(api: string, site: SiteWorld, priorityId: string) {
  const p = site.index.priorityById.get(priorityId);
  return p ? { self: `${api}/priority/${p.id}`, iconUrl: `${site.url}/images/icons/priorities/${p.icon}`, name: p.name, id: p.id } : null;
}

// Jira's stock resolution, set when an issue reaches a done-category status.
const resolutionJson = (api: string) => ({ self: `${api}/resolution/10000`, id: '10000', description: 'Work has been completed on this issue.', name: 'Done' });

/** What serializing an issue needs: the world, the site and the base of `self` links. */
export type IssueJsonContext = Pick<JiraContext, 'state' | 'site' | 'api'>;

function fieldValue(ctx: IssueJsonContext, issue: IssueDef, field: IssueField): unknown {
  const { api, site } = ctx;
  const tz = site.timeZone;
  switch (field) {
    case 'summary':
      return issue.summary;
    case 'status':
      return statusFieldJson(api, site, issue.statusId);
    case 'priority':
      return priorityFieldJson(api, site, issue.priorityId);
    case 'issuetype': {
      const t = site.index.issueTypeById.get(issue.issueTypeId);
      return t ? issueTypeJson(api, t) : null;
    }
    case 'project': {
      const p = site.index.projectById.get(issue.projectId);
      return p ? { self: `${api}/project/${p.id}`, id: p.id, key: p.key, name: p.name, projectTypeKey: p.typeKey, simplified: p.style === 'next-gen', avatarUrls: avatarUrls(`${api}/universal_avatar/view/type/project/avatar/${p.avatarId}`) } : null;
    }
    case 'assignee':
    case 'reporter':
    case 'creator': {
      const user = personFor(ctx.state.world, field === 'assignee' ? issue.assigneeId : issue.reporterId);
      return user ? issueUserJson(api, user) : null;
    }
    case 'created':
      return formatJiraDateTime(issue.created, tz);
    case 'updated':
      return formatJiraDateTime(issue.updated, tz);
    case 'resolutiondate':
      return issue.resolved === null ? null : formatJiraDateTime(issue.resolved, tz);
    case 'resolution':
      return issue.resolved === null ? null : resolutionJson(api);
    case 'duedate':
      return issue.duedate;
    case 'labels':
      return issue.labels;
    case 'description':
      return null;
    case 'parent': {
      const parent = issue.parentId ? site.issues.getById(issue.parentId) : null;
      if (!parent) return undefined;
      return {
        id: parent.id,
        key: parent.key,
        self: `${api}/issue/${parent.id}`,
        fields: { summary: parent.summary, status: statusFieldJson(api, site, parent.statusId), priority: priorityFieldJson(api, site, parent.priorityId), issuetype: fieldValue(ctx, parent, 'issuetype') },
      };
    }
  }
}

export function issueJson(ctx: IssueJsonContext, issue: IssueDef, fields: IssueField[] | null) {
  if (fields === null) return { id: issue.id };
  const out: Record<string, unknown> = {};
  for (const f of fields) {
    const v = fieldValue(ctx, issue, f);
    // Jira leaves `parent` out entirely for an issue without one.
    if (v !== undefined) out[f] = v;
  }
  return { expand: 'renderedFields,names,schema,operations,editmeta,changelog,versionedRepresentations', id: issue.id, self: `${ctx.api}/issue/${issue.id}`, key: issue.key, fields: out };
}
