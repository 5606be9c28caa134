// priority, priority/{id}, priority/search.
import { errorCollection, listParam, pageBean, paging, type JiraHandler } from './context';
import { priorityJson } from './serialize';

export const getPriorities: JiraHandler = ({ site, api }) => ({ status: 200, body: site.priorities.map((p) => priorityJson(api, site, p, false)) });

export const getPriority: JiraHandler = ({ site, params, api }) => {
  const priority = site.index.priorityById.get(params.id ?? '');
  if (!priority) return errorCollection(404, `The priority with ID '${params.id ?? ''}' could not be found.`);
  return { status: 200, body: priorityJson(api, site, priority, false) };
};

export const searchPriorities: JiraHandler = ({ site, query, api }) => {
  const { startAt, maxResults } = paging(query, 50, 100);
  // Invalid ids are ignored (OpenAPI description).
  const ids = new Set(listParam(query, 'id'));
  const name = query.get('priorityName')?.toLowerCase();
  const onlyDefault = query.get('onlyDefault') === 'true';
  const matches = site.priorities
    .filter((p) => ids.size === 0 || ids.has(p.id))
    .filter((p) => !name || p.name.toLowerCase().includes(name))
    .filter((p) => !onlyDefault || p.isDefault);
  return { status: 200, body: pageBean(`${api}/priority/search`, query, startAt, maxResults, matches, (p) => priorityJson(api, site, p, true)) };
};
