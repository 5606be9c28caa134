// status, status/{idOrName}, statuscategory, statuscategory/{idOrKey}, statuses/search.
import { STATUS_CATEGORIES } from '../../world/catalog';
import type { SiteWorld, StatusDef } from '../../world/types';
import { canAdminister, canView, errorCollection, pageBean, paging, type JiraHandler } from './context';
import { categoryJson, jiraStatusJson, statusJson } from './serialize';

/** Global statuses plus team-managed ones of projects the user can see. */
function visibleStatuses(site: SiteWorld): StatusDef[] {
  return site.statuses.filter((s) => {
    if (!s.projectId) return true;
    const project = site.index.projectById.get(s.projectId);
    return !!project && canView(site, project);
  });
}

/**
 * GET status and status/{idOrName} (OpenAPI): only statuses "associated with an active workflow",
 * and the caller needs Browse projects "for the project". So a status that only workflows of
 * projects the user cannot see use is absent from the list and answers 404, the same 404 as a
 * deleted status ("not found", "not associated with a workflow", "not the required permissions").
 */
function statusesInVisibleWorkflows(site: SiteWorld): StatusDef[] {
  const used = new Set(site.projects.filter((p) => canView(site, p)).flatMap((p) => p.workflow.flatMap((entry) => entry.statusIds)));
  return site.statuses.filter((s) => used.has(s.id));
}

export const getStatuses: JiraHandler = ({ site, api }) => ({ status: 200, body: statusesInVisibleWorkflows(site).map((s) => statusJson(api, site, s)) });

export const getStatus: JiraHandler = ({ site, params, api }) => {
  const idOrName = params.idOrName ?? '';
  const status = statusesInVisibleWorkflows(site).find((s) => s.id === idOrName || s.name.toLowerCase() === idOrName.toLowerCase());
  if (!status) return errorCollection(404, `The status with ID or name '${idOrName}' could not be found.`);
  return { status: 200, body: statusJson(api, site, status) };
};

export const getStatusCategories: JiraHandler = ({ api }) => ({ status: 200, body: STATUS_CATEGORIES.map((c) => categoryJson(api, c)) });

export const getStatusCategory: JiraHandler = ({ params, api }) => {
  const idOrKey = params.idOrKey ?? '';
  const cat = STATUS_CATEGORIES.find((c) => String(c.id) === idOrKey || c.key === idOrKey);
  if (!cat) return errorCollection(404, `The status category with ID or key '${idOrKey}' could not be found.`);
  return { status: 200, body: categoryJson(api, cat) };
};

const CATEGORY_PARAM: Record<string, StatusDef['category']> = { TODO: 'new', IN_PROGRESS: 'indeterminate', DONE: 'done' };

// Needs Administer projects or Administer Jira (OpenAPI description); without either the documented answer is 401.
export const searchStatuses: JiraHandler = ({ site, query }) => {
  const administersSomething = site.jiraAdmin || site.projects.some((p) => canAdminister(site, p.id));
  if (!administersSomething) return errorCollection(401, 'You are not authorized to perform this action. Administrator privileges are required.');
  const categoryParam = query.get('statusCategory');
  if (categoryParam && !CATEGORY_PARAM[categoryParam]) return errorCollection(400, `Invalid status category: ${categoryParam}.`);
  const { startAt, maxResults } = paging(query, 200, 200);
  const projectId = query.get('projectId');
  const text = query.get('searchString')?.toLowerCase();
  // With projectId: a team-managed project's own statuses, or the global ones for a company-managed project.
  const teamManaged = projectId ? site.index.projectById.get(projectId)?.style === 'next-gen' : false;
  const matches = visibleStatuses(site)
    .filter((s) => !projectId || (teamManaged ? s.projectId === projectId : !s.projectId))
    .filter((s) => !categoryParam || s.category === CATEGORY_PARAM[categoryParam])
    .filter((s) => !text || s.name.toLowerCase().includes(text))
    .sort((a, b) => a.name.localeCompare(b.name) || Number(a.id) - Number(b.id));
  // statuses/search answers with a site-domain self (recorded/statuses-search.recorded.json).
  return { status: 200, body: pageBean(`${site.url}/rest/api/3/statuses/search`, query, startAt, maxResults, matches, jiraStatusJson) };
};
