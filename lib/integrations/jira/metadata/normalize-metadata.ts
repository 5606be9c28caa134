// Pure shaping of Jira responses into the cached metadata: no I/O, so it is tested by tables.
import type { JiraProject, JiraSearchedStatus, JiraStatusDetails } from '../client/schemas';
import { normalizeStatusCategory } from '../mapping/status-category';
import type { JiraPriorityMeta, JiraProjectMeta, JiraStatusMeta, JiraStatusUsage } from './types';

export function toProjectMeta(project: JiraProject): JiraProjectMeta {
  const avatarUrl = project.avatarUrls?.['48x48'];
  return {
    id: project.id,
    key: project.key,
    name: project.name,
    projectTypeKey: project.projectTypeKey,
    ...(avatarUrl ? { avatarUrl } : {}),
  };
}

/** Jira's order is the meaning of a priority list (highest first), so `position` is the index. */
export function toPriorityMeta(
  priorities: readonly { id: string; name: string; iconUrl?: string; statusColor?: string; isDefault?: boolean }[],
): JiraPriorityMeta[] {
  const seen = new Set<string>();
  return priorities
    .filter((priority) => {
      if (seen.has(priority.id)) return false;
      seen.add(priority.id);
      return true;
    })
    .map((priority, position) => ({
      id: priority.id,
      name: priority.name,
      position,
      ...(priority.iconUrl ? { iconUrl: priority.iconUrl } : {}),
      ...(priority.statusColor ? { statusColor: priority.statusColor } : {}),
      ...(priority.isDefault === true ? { isDefault: true } : {}),
    }));
}

/**
 * Statuses from `statuses/search`. Usages come from the response's `usages` when Jira sends them,
 * else from a team-managed status's project scope; a global status without `usages` has none.
 * With a project filter, statuses known to live only outside it are left out.
 */
export function statusesFromSearch(
  searched: readonly Pick<JiraSearchedStatus, 'id' | 'name' | 'statusCategory' | 'scope' | 'usages'>[],
  projects: readonly JiraProjectMeta[],
  projectFilter?: ReadonlySet<string>,
): JiraStatusMeta[] {
  const byId = new Map(projects.map((project) => [project.id, project]));
  const inFilter = (usage: JiraStatusUsage) => !projectFilter || projectFilter.has(usage.projectKey);
  const statuses = new Map<string, JiraStatusMeta>();
  for (const status of searched) {
    if (statuses.has(status.id)) continue;
    const declared: JiraStatusUsage[] = status.usages
      ? status.usages.flatMap((usage) => {
          const project = usage.project ? byId.get(usage.project.id) : undefined;
          return project ? [usageOf(project, usage.issueTypes ?? [])] : [];
        })
      : [];
    const scoped = status.scope?.type === 'PROJECT' && status.scope.project ? byId.get(status.scope.project.id) : undefined;
    const usages = declared.length > 0 ? declared : scoped ? [usageOf(scoped, [])] : [];
    const knownElsewhere = usages.length > 0 || Boolean(status.usages?.length) || status.scope?.type === 'PROJECT';
    const kept = usages.filter(inFilter);
    if (projectFilter && knownElsewhere && kept.length === 0) continue;
    statuses.set(status.id, { id: status.id, name: status.name, category: normalizeStatusCategory(status.statusCategory), usages: kept });
  }
  return sortStatuses([...statuses.values()]);
}

type StatusInProject = Pick<JiraStatusDetails, 'id' | 'name' | 'statusCategory'>;
export type ProjectStatuses = {
  project: Pick<JiraProjectMeta, 'key'> & { name?: string };
  issueTypes: readonly { name: string; statuses: readonly StatusInProject[] }[];
};

/** Statuses from `project/{key}/statuses`, de-duplicated by id, with every project and issue type using each. */
export function statusesFromProjects(perProject: readonly ProjectStatuses[]): JiraStatusMeta[] {
  const statuses = new Map<string, JiraStatusMeta & { byProject: Map<string, JiraStatusUsage> }>();
  for (const { project, issueTypes } of perProject) {
    for (const issueType of issueTypes) {
      for (const status of issueType.statuses) {
        let entry = statuses.get(status.id);
        if (!entry) {
          entry = { id: status.id, name: status.name, category: normalizeStatusCategory(status.statusCategory), usages: [], byProject: new Map() };
          statuses.set(status.id, entry);
        }
        let usage = entry.byProject.get(project.key);
        if (!usage) {
          usage = usageOf(project, []);
          entry.byProject.set(project.key, usage);
        }
        if (!usage.issueTypes.includes(issueType.name)) usage.issueTypes.push(issueType.name);
      }
    }
  }
  return sortStatuses(
    [...statuses.values()].map(({ byProject, ...status }) => ({
      ...status,
      usages: [...byProject.values()].sort((a, b) => a.projectKey.localeCompare(b.projectKey)),
    })),
  );
}

function usageOf(project: { key: string; name?: string }, issueTypes: readonly string[]): JiraStatusUsage {
  return { projectKey: project.key, ...(project.name ? { projectName: project.name } : {}), issueTypes: [...issueTypes] };
}

function sortStatuses(statuses: JiraStatusMeta[]): JiraStatusMeta[] {
  return statuses.sort((a, b) => a.name.localeCompare(b.name) || Number(a.id) - Number(b.id) || a.id.localeCompare(b.id));
}
