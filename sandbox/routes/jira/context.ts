import type { Reply } from '../../http/respond';
import type { AccessToken } from '../../oauth/access-tokens';
import type { SandboxState } from '../../state';
import type { ProjectDef, SiteWorld } from '../../world/types';

export interface JiraContext {
  state: SandboxState;
  site: SiteWorld;
  token: AccessToken;
  query: URLSearchParams;
  body: Record<string, unknown> | undefined | null;
  params: Record<string, string>;
  /** Gateway base for self links, e.g. http://127.0.0.1:4010/ex/jira/{cloudId}/rest/api/3 */
  api: string;
}

export type JiraHandler = (ctx: JiraContext) => Reply;

export const errorCollection = (status: number, ...messages: string[]): Reply => ({ status, body: { errorMessages: messages, errors: {} } });

export function projectNotFound(idOrKey: string): Reply {
  return errorCollection(404, /^\d+$/.test(idOrKey) ? `No project could be found with id '${idOrKey}'.` : `No project could be found with key '${idOrKey}'.`);
}

// Project visibility per the project/search docs: Browse Projects, Administer Projects or Administer Jira.
export function canView(site: SiteWorld, project: ProjectDef): boolean {
  const access = site.access.get(project.id);
  return site.jiraAdmin || !!access?.browse || !!access?.administer;
}

/** Issues need Browse Projects itself. */
export function canBrowseIssues(site: SiteWorld, projectId: string): boolean {
  return !!site.access.get(projectId)?.browse;
}

export function canAdminister(site: SiteWorld, projectId: string): boolean {
  return site.jiraAdmin || !!site.access.get(projectId)?.administer;
}

export function findProject(site: SiteWorld, idOrKey: string): ProjectDef | undefined {
  return site.index.projectById.get(idOrKey) ?? site.index.projectByKey.get(idOrKey.toUpperCase());
}

/** Reads `startAt`/`maxResults` with Jira's defaults and caps. */
export function paging(query: URLSearchParams, defaultMax: number, cap: number): { startAt: number; maxResults: number } {
  const startAt = Math.max(0, Number.parseInt(query.get('startAt') ?? '0', 10) || 0);
  const raw = Number.parseInt(query.get('maxResults') ?? String(defaultMax), 10);
  const maxResults = Math.min(cap, Math.max(0, Number.isNaN(raw) ? defaultMax : raw));
  return { startAt, maxResults };
}

/** Repeated or comma-separated list parameters (`keys=A&keys=B` or `keys=A,B`). */
export function listParam(query: URLSearchParams, name: string): string[] {
  return query.getAll(name).flatMap((v) => v.split(',')).map((v) => v.trim()).filter(Boolean);
}

export function pageUrl(base: string, query: URLSearchParams, startAt: number, maxResults: number): string {
  const q = new URLSearchParams(query);
  q.set('startAt', String(startAt));
  q.set('maxResults', String(maxResults));
  return `${base}?${q.toString()}`;
}

/**
 * Jira's PageBean for one page of `matches`: `self`, `nextPage` unless last, `maxResults`,
 * `startAt`, `total`, `isLast`, `values`.
 */
export function pageBean<T>(self: string, query: URLSearchParams, startAt: number, maxResults: number, matches: readonly T[], toJson: (item: T) => unknown) {
  const values = matches.slice(startAt, startAt + maxResults);
  const isLast = startAt + values.length >= matches.length;
  return {
    self: pageUrl(self, query, startAt, maxResults),
    ...(isLast ? {} : { nextPage: pageUrl(self, query, startAt + maxResults, maxResults) }),
    maxResults,
    startAt,
    total: matches.length,
    isLast,
    values: values.map(toJson),
  };
}
