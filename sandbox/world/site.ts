// Assembles a SiteWorld from its parts and builds the lookup indexes every route uses.
import { buildIssueSource } from './issue-source';
import { IssueStore } from './issue-store';
import type { Prng } from './prng';
import { PEOPLE } from './users';
import type { IssueTypeDef, PriorityDef, ProjectAccess, ProjectDef, SiteWorld, StatusDef } from './types';

export interface SiteSpec {
  cloudId: string;
  name: string;
  avatar: string;
  jiraAdmin: boolean;
  timeZone?: string;
  statuses: StatusDef[];
  issueTypes: IssueTypeDef[];
  priorities: PriorityDef[];
  projects: Array<{ project: ProjectDef; issueCount: number; access: ProjectAccess }>;
}

export function assembleSite(spec: SiteSpec, prng: Prng): SiteWorld {
  const access = new Map(spec.projects.map((p) => [p.project.id, p.access] as const));
  const projects = spec.projects.map((p) => p.project);
  const statusById = new Map(spec.statuses.map((s) => [s.id, s]));
  const source = buildIssueSource(prng, { projects: spec.projects, priorities: spec.priorities, issueTypes: spec.issueTypes, statusById, people: PEOPLE.map((p) => p.accountId), firstId: 10000 });
  return {
    cloudId: spec.cloudId,
    name: spec.name,
    url: `https://${spec.name}.atlassian.net`,
    avatarUrl: `https://site-admin-avatar-cdn.prod.public.atl-paas.net/avatars/240/${spec.avatar}.png`,
    jiraAdmin: spec.jiraAdmin,
    statuses: spec.statuses,
    issueTypes: spec.issueTypes,
    priorities: spec.priorities,
    projects,
    // Jira renders top-level timestamps in the site's default user time zone (OpenAPI "Timestamps" section).
    timeZone: spec.timeZone ?? 'Europe/Berlin',
    issues: new IssueStore(source),
    access,
    index: {
      statusById,
      issueTypeById: new Map(spec.issueTypes.map((t) => [t.id, t])),
      priorityById: new Map(spec.priorities.map((p) => [p.id, p])),
      projectById: new Map(projects.map((p) => [p.id, p])),
      projectByKey: new Map(projects.map((p) => [p.key, p])),
    },
  };
}

export const FULL: ProjectAccess = { browse: true, administer: true };
export const BROWSE_ONLY: ProjectAccess = { browse: true, administer: false };
export const HIDDEN: ProjectAccess = { browse: false, administer: false };
