// project/search, project/{projectIdOrKey}, project/{projectIdOrKey}/statuses.
import { canView, findProject, listParam, pageBean, paging, projectNotFound, type JiraHandler } from './context';
import { projectFullJson, projectSummaryJson, statusJson } from './serialize';
import type { ProjectDef } from '../../world/types';

const ORDER_FIELDS: Record<string, (p: ProjectDef) => string | number> = {
  key: (p) => p.key,
  name: (p) => p.name.toLowerCase(),
  id: (p) => Number(p.id),
};

export const searchProjects: JiraHandler = ({ site, query, api }) => {
  const { startAt, maxResults } = paging(query, 50, 100);
  const keys = new Set(listParam(query, 'keys').map((k) => k.toUpperCase()));
  const ids = new Set(listParam(query, 'id'));
  const typeKeys = new Set(listParam(query, 'typeKey'));
  const text = query.get('query')?.toLowerCase();
  const orderBy = query.get('orderBy') ?? 'key';
  const desc = orderBy.startsWith('-');
  const field = ORDER_FIELDS[orderBy.replace(/^[+-]/, '')];
  if (!field) return { status: 400, body: { errorMessages: [`Invalid orderBy value: ${orderBy}`], errors: {} } };

  // Projects the user cannot see are silently left out.
  const matches = site.projects
    .filter((p) => canView(site, p))
    .filter((p) => keys.size === 0 || keys.has(p.key))
    .filter((p) => ids.size === 0 || ids.has(p.id))
    .filter((p) => typeKeys.size === 0 || typeKeys.has(p.typeKey))
    .filter((p) => !text || p.key.toLowerCase() === text || p.name.toLowerCase().includes(text))
    .sort((a, b) => {
      const x = field(a);
      const y = field(b);
      return (x < y ? -1 : x > y ? 1 : 0) * (desc ? -1 : 1);
    });
  return { status: 200, body: pageBean(`${api}/project/search`, query, startAt, maxResults, matches, (p) => projectSummaryJson(api, p)) };
};

export const getProject: JiraHandler = ({ state, site, params, api }) => {
  const idOrKey = params.projectIdOrKey ?? '';
  const project = findProject(site, idOrKey);
  if (!project || !canView(site, project)) return projectNotFound(idOrKey);
  return { status: 200, body: projectFullJson(api, site, project, state.world.user) };
};

export const getProjectStatuses: JiraHandler = ({ site, params, api }) => {
  const idOrKey = params.projectIdOrKey ?? '';
  const project = findProject(site, idOrKey);
  if (!project || !canView(site, project)) return projectNotFound(idOrKey);
  const body = project.workflow.map((entry) => {
    const type = site.index.issueTypeById.get(entry.issueTypeId);
    return {
      self: `${api}/issueType/${entry.issueTypeId}`,
      id: entry.issueTypeId,
      name: type?.name ?? 'Task',
      subtask: type?.subtask ?? false,
      statuses: entry.statusIds.flatMap((id) => {
        const status = site.index.statusById.get(id);
        return status ? [statusJson(api, site, status)] : [];
      }),
    };
  });
  return { status: 200, body };
};
