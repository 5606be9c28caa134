// Jira JSON for world objects. Field sets follow the recorded responses in sandbox/reference/recorded/,
// trimmed to what the OpenAPI schemas allow (e.g. the recorded project's `entityId` is not in `Project`).
import { CATEGORY_ENUM, STATUS_CATEGORIES, type StatusCategoryDef } from '../../world/catalog';
import type { IssueTypeDef, PriorityDef, ProjectDef, SiteWorld, StatusDef, UserDef } from '../../world/types';

export function avatarUrls(base: string) {
  return { '48x48': base, '24x24': `${base}?size=small`, '16x16': `${base}?size=xsmall`, '32x32': `${base}?size=medium` };
}

export function categoryJson(api: string, cat: StatusCategoryDef) {
  return { self: `${api}/statuscategory/${cat.id}`, id: cat.id, key: cat.key, colorName: cat.colorName, name: cat.name };
}

export function statusJson(api: string, site: SiteWorld, s: StatusDef) {
  const cat = STATUS_CATEGORIES.find((c) => c.key === s.category) ?? STATUS_CATEGORIES[0]!;
  return {
    self: `${api}/status/${s.id}`,
    description: s.description,
    iconUrl: `${site.url}/images/icons/statuses/${s.icon}`,
    name: s.name,
    untranslatedName: s.name,
    id: s.id,
    statusCategory: categoryJson(api, cat),
    // Only team-managed statuses carry a scope here (recorded/status-get.recorded.json); the `Scope` schema
    // of StatusDetails has no GLOBAL value.
    ...(s.projectId ? { scope: { type: 'PROJECT', project: { id: s.projectId } } } : {}),
  };
}

export function jiraStatusJson(s: StatusDef) {
  return {
    id: s.id,
    name: s.name,
    statusCategory: CATEGORY_ENUM[s.category],
    scope: s.projectId ? { type: 'PROJECT' as const, project: { id: s.projectId } } : { type: 'GLOBAL' as const },
    description: s.description,
  };
}

export function priorityJson(api: string, site: SiteWorld, p: PriorityDef, withDefault: boolean) {
  return {
    self: `${api}/priority/${p.id}`,
    statusColor: p.statusColor,
    description: p.description,
    iconUrl: `${site.url}/images/icons/priorities/${p.icon}`,
    name: p.name,
    id: p.id,
    ...(withDefault ? { isDefault: p.isDefault } : {}),
  };
}

export function issueTypeJson(api: string, t: IssueTypeDef) {
  return {
    self: `${api}/issuetype/${t.id}`,
    id: t.id,
    description: t.description,
    iconUrl: `${api.replace('/api/3', '/api/2')}/universal_avatar/view/type/issuetype/avatar/${t.avatarId}?size=medium`,
    name: t.name,
    subtask: t.subtask,
    avatarId: t.avatarId,
    hierarchyLevel: t.hierarchyLevel,
  };
}

export function userJson(api: string, user: UserDef, full: boolean) {
  const avatar = `https://secure.gravatar.com/avatar/${Buffer.from(user.email).toString('hex').slice(0, 32)}?d=mp`;
  return {
    self: `${api}/user?accountId=${encodeURIComponent(user.accountId)}`,
    accountId: user.accountId,
    ...(full ? { accountType: 'atlassian', emailAddress: user.email } : {}),
    avatarUrls: { '48x48': avatar, '24x24': avatar, '16x16': avatar, '32x32': avatar },
    displayName: user.displayName,
    active: true,
    ...(full ? { timeZone: user.timeZone, locale: user.locale } : {}),
  };
}

export function projectSummaryJson(api: string, p: ProjectDef) {
  return {
    expand: 'description,lead,issueTypes,url,projectKeys,permissions,insight',
    self: `${api}/project/${p.id}`,
    id: p.id,
    key: p.key,
    name: p.name,
    avatarUrls: avatarUrls(`${api}/universal_avatar/view/type/project/avatar/${p.avatarId}`),
    projectTypeKey: p.typeKey,
    simplified: p.style === 'next-gen',
    style: p.style,
    isPrivate: false,
    properties: {},
    ...(p.style === 'next-gen' ? { uuid: p.uuid } : {}),
  };
}

export function projectFullJson(api: string, site: SiteWorld, p: ProjectDef, lead: UserDef) {
  const typeIds = new Set(p.workflow.map((w) => w.issueTypeId));
  return {
    ...projectSummaryJson(api, p),
    description: p.description,
    lead: userJson(api, lead, false),
    components: [],
    issueTypes: site.issueTypes.filter((t) => typeIds.has(t.id)).map((t) => issueTypeJson(api, t)),
    assigneeType: 'UNASSIGNED',
    versions: [],
    roles: {
      Administrator: `${api}/project/${p.id}/role/10002`,
      Member: `${api}/project/${p.id}/role/10003`,
      Viewer: `${api}/project/${p.id}/role/10004`,
    },
  };
}

export function jiraDate(ms: number): string {
  return new Date(ms).toISOString().replace('Z', '+0000');
}
