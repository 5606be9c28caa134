// Assembles a SiteWorld from its parts and builds the lookup indexes every route uses.
import { generateIssues } from './issues';
import type { Prng } from './prng';
import type { IssueDef, IssueTypeDef, PriorityDef, ProjectAccess, ProjectDef, SiteWorld, StatusDef } from './types';

export interface SiteSpec {
  cloudId: string;
  name: string;
  avatar: string;
  jiraAdmin: boolean;
  statuses: StatusDef[];
  issueTypes: IssueTypeDef[];
  priorities: PriorityDef[];
  projects: Array<{ project: ProjectDef; issueCount: number; access: ProjectAccess }>;
}

export function assembleSite(spec: SiteSpec, prng: Prng): SiteWorld {
  let issueId = 10000;
  const issues: IssueDef[] = [];
  const access = new Map<string, ProjectAccess>();
  for (const { project, issueCount, access: a } of spec.projects) {
    access.set(project.id, a);
    issues.push(...generateIssues(prng, project, issueCount, spec.priorities, () => issueId++));
  }
  const projects = spec.projects.map((p) => p.project);
  const issuesByProject = new Map<string, IssueDef[]>();
  for (const issue of issues) {
    const list = issuesByProject.get(issue.projectId) ?? [];
    list.push(issue);
    issuesByProject.set(issue.projectId, list);
  }
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
    issues,
    access,
    index: {
      statusById: new Map(spec.statuses.map((s) => [s.id, s])),
      issueTypeById: new Map(spec.issueTypes.map((t) => [t.id, t])),
      priorityById: new Map(spec.priorities.map((p) => [p.id, p])),
      projectById: new Map(projects.map((p) => [p.id, p])),
      projectByKey: new Map(projects.map((p) => [p.key, p])),
      issuesByProject,
    },
  };
}

export const FULL: ProjectAccess = { browse: true, administer: true };
export const BROWSE_ONLY: ProjectAccess = { browse: true, administer: false };
export const HIDDEN: ProjectAccess = { browse: false, administer: false };
