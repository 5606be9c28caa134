import 'server-only';
import { isJiraError, type JiraCallEvent, type JiraClient, type JiraErrorKind } from '../client';
import { createSemaphore } from '../client/semaphore';
import { settleAll } from '../client/settle-all';
import { getStatusesForProjects } from '../client/statuses-for-projects';
import { statusesFromProjects, statusesFromSearch, toPriorityMeta, toProjectMeta } from './normalize-metadata';
import { plural } from '@/lib/format/plural';
import { readAllPages } from './read-all-pages';
import type { JiraMetadata, JiraProjectMeta, JiraStatusMeta, JiraStatusPath } from './types';

export type FetchMetadataOptions = {
  /** The connection's granted OAuth scopes. */
  grantedScopes: readonly string[];
  /** The connection's project filter; without one, the fallback reads every visible project. */
  projectKeys?: readonly string[];
  /** Running count of HTTP requests the client has sent (see createRequestCounter). */
  requestCount?: () => number;
  /** Go straight to the per-project path, e.g. because Jira refused statuses/search last time. */
  skipStatusSearch?: boolean;
};

// statuses/search accepts either (OpenAPI x-atlassian-oauth2-scopes: classic, or the granular beta scope).
const STATUS_SEARCH_SCOPES = ['manage:jira-configuration', 'read:workflow:jira'];
// 401 for callers without Administer Jira/projects arrives as token_unusable (after one refresh).
const STATUS_SEARCH_REFUSED: ReadonlySet<JiraErrorKind> = new Set([
  'forbidden_scope',
  'forbidden',
  'token_unusable',
  'not_found',
]);
// priority/search is deprecated (CHANGE-1655): a refusal or a removal sends us to GET priority.
const PRIORITY_SEARCH_REFUSED: ReadonlySet<JiraErrorKind> = new Set([...STATUS_SEARCH_REFUSED, 'bad_request']);
// A project the user cannot browse answers 404 (or 403); anything else fails the whole refresh.
const PROJECT_INACCESSIBLE: ReadonlySet<JiraErrorKind> = new Set(['not_found', 'forbidden']);
/**
 * Requests in flight at once for the metadata client: a 1,050-project site's 10 remaining project
 * pages and the last status page go out together, so a cold read is 2 sequential round trips
 * (fetch-metadata-rounds.test.ts). The per-project fallback keeps the usual bound of 4.
 */
export const METADATA_CONCURRENCY = 12;
const PER_PROJECT_CONCURRENCY = 4;

/** Counts the client's HTTP round trips: pass `onCall` to createJiraClient and `count` to fetchJiraMetadata. */
export function createRequestCounter() {
  let requests = 0;
  return { onCall: (_event: JiraCallEvent) => void (requests += 1), count: () => requests };
}

/**
 * Reads projects, statuses and priorities through one connection's client.
 *
 * "In use" means: in a workflow of a project the authorizing user can see (within the project
 * filter, if any). Both read paths produce that same set, so changing scopes or admin rights
 * never makes mapped statuses come and go:
 * - with a project filter, `project/{key}/statuses` per filtered project (exact usages);
 * - without one, when the grant allows it, `statuses/search` (names and categories of every status
 *   on the site) narrowed to `GET status`, which lists only statuses of workflows the user can see;
 * - otherwise `project/{key}/statuses` for every visible project, within the client's bound.
 * Whenever `statuses/search` answered, the statuses it lists that are not in use are kept as
 * `otherStatuses`, and `stats.siteStatusesListed` says the site-wide list is complete: only then
 * can a mapped status missing from both be called removed from Jira.
 * Throws the first JiraError that is not a per-project access refusal, so a partial read never
 * replaces a complete one.
 */
export async function fetchJiraMetadata(client: JiraClient, options: FetchMetadataOptions): Promise<JiraMetadata> {
  const started = performance.now();
  const requestsBefore = options.requestCount?.() ?? 0;
  const filter = options.projectKeys?.length ? [...new Set(options.projectKeys)] : undefined;
  const projectsRead = readAllPages('listAllProjects', (startAt) => client.searchProjects({ startAt, maxResults: 100 })).then((projects) =>
    projects.map(toProjectMeta),
  );
  const warnings: string[] = [];

  const [projects, statusRead, priorities] = await settleAll([
    projectsRead,
    readStatuses(client, projectsRead, filter, options, warnings),
    readPriorities(client),
  ]);

  if (statusRead.inaccessible.length > 0) {
    warnings.push(
      `${plural(statusRead.inaccessible.length, 'project')} in the project filter ${statusRead.inaccessible.length === 1 ? 'is' : 'are'} not visible to the Jira user who connected Portico (${statusRead.inaccessible.join(', ')}), so ${statusRead.inaccessible.length === 1 ? 'its' : 'their'} statuses are missing. Ask a Jira admin to grant that user Browse Projects, or remove ${statusRead.inaccessible.length === 1 ? 'it' : 'them'} under Projects.`,
    );
  }
  const inUse = new Set(statusRead.statuses.map((status) => status.id));
  return {
    projects,
    statuses: statusRead.statuses,
    otherStatuses: (statusRead.siteList ?? []).filter((status) => !inUse.has(status.id)).map((status) => ({ ...status, usages: [] })),
    priorities,
    fetchedAt: new Date().toISOString(),
    stats: {
      statusPath: statusRead.path,
      jiraRequests: (options.requestCount?.() ?? 0) - requestsBefore,
      durationMs: Math.round(performance.now() - started),
      inaccessibleProjects: statusRead.inaccessible,
      siteStatusesListed: statusRead.siteList !== undefined,
      ...(statusRead.refused ? { statusSearchRefused: true } : {}),
    },
    warnings,
  };
}

type StatusRead = {
  statuses: JiraStatusMeta[];
  path: JiraStatusPath;
  inaccessible: string[];
  refused: boolean;
  /** Every status statuses/search listed, when it answered. */
  siteList?: JiraStatusMeta[];
};
type SiteList = { statuses?: JiraStatusMeta[]; refused: boolean; refusedForScope: boolean };

async function readStatuses(
  client: JiraClient,
  projectsRead: Promise<JiraProjectMeta[]>,
  filter: string[] | undefined,
  options: FetchMetadataOptions,
  warnings: string[],
): Promise<StatusRead> {
  const granted = STATUS_SEARCH_SCOPES.some((scope) => options.grantedScopes.includes(scope));
  // A skipped search stays recorded as refused, so the next background refresh skips it too.
  const skipped = granted && options.skipStatusSearch === true;
  const siteListRead: Promise<SiteList> =
    granted && !skipped ? readSiteStatuses(client, projectsRead) : Promise.resolve({ refused: skipped, refusedForScope: false });
  // Without a filter the site list is narrowed by `GET status`: asked at the same time rather than
  // after it, which saves a round trip (and costs one request when the search is refused).
  const workflowsRead = !filter && granted && !skipped ? statusesInVisibleWorkflows(client) : undefined;
  workflowsRead?.catch(() => undefined);

  if (filter) {
    // The filtered projects' own reads say exactly which statuses they use; the site-wide list
    // (read at the same time) only tells which of the others still exist.
    const [perProject, site] = await Promise.all([readProjectByProject(client, projectsRead, filter), siteListRead]);
    if (!site.statuses) {
      warnings.push(
        `${site.refused ? 'Jira refused its site-wide status list (it needs Jira administrator rights)' : 'This connection was not granted manage:jira-configuration'}, so Portico cannot tell a status deleted in Jira from one the authorizing user cannot see: mappings of statuses it does not see are kept and cannot be pruned. ${site.refused ? 'Reconnect as a Jira administrator' : 'Reconnect and approve manage:jira-configuration'} to tell them apart.`,
      );
    }
    return { ...perProject, refused: site.refused, ...(site.statuses ? { siteList: site.statuses } : {}) };
  }

  const site = await siteListRead;
  if (site.statuses) {
    const inWorkflows = await (workflowsRead ?? statusesInVisibleWorkflows(client));
    if (inWorkflows) {
      const statuses = site.statuses.filter((status) => inWorkflows.has(status.id));
      if (statuses.some((status) => status.usages.length === 0)) {
        warnings.push(
          '“Used in” shows “—” for statuses shared between projects: Jira’s site-wide status list does not say which projects use them. To see where each status is used, choose the projects to sync under Projects.',
        );
      }
      return { statuses, path: 'statuses_search', inaccessible: [], refused: false, siteList: site.statuses };
    }
  }
  warnings.push(
    site.refusedForScope
      ? 'The token no longer holds manage:jira-configuration (it was probably removed from the app’s permissions in the Atlassian developer console), so statuses were read project by project, which is slower on sites with many projects. Add the scope back to the app, then reconnect.'
      : site.refused
        ? 'Jira refused its site-wide status list because the user who connected Portico is not a Jira administrator, so statuses were read project by project, which is slower on sites with many projects. To read them in one call, reconnect as a Jira administrator (ideally a dedicated integration user).'
        : 'This connection was not granted manage:jira-configuration, so statuses were read project by project, which is slower on sites with many projects. Reconnect and approve that permission to read them in one call.',
  );
  const perProject = await readProjectByProject(client, projectsRead, undefined);
  return { ...perProject, refused: site.refused, ...(site.statuses ? { siteList: site.statuses } : {}) };
}

async function readSiteStatuses(client: JiraClient, projectsRead: Promise<JiraProjectMeta[]>): Promise<SiteList> {
  try {
    const searched = await readAllPages('searchAllStatuses', (startAt) => client.searchStatuses({ startAt }));
    return { statuses: statusesFromSearch(searched, await projectsRead), refused: false, refusedForScope: false };
  } catch (error) {
    if (!isJiraError(error) || !STATUS_SEARCH_REFUSED.has(error.kind)) throw error;
    // The same token reading project/search proves the 401 is about rights, not a dead token.
    await projectsRead;
    return { refused: true, refusedForScope: error.kind === 'forbidden_scope' };
  }
}

/** Ids from `GET status`: statuses of active workflows of projects the user can browse (undefined if refused). */
async function statusesInVisibleWorkflows(client: JiraClient): Promise<Set<string> | undefined> {
  try {
    return new Set((await client.listStatuses()).map((status) => status.id));
  } catch (error) {
    if (!isJiraError(error) || !STATUS_SEARCH_REFUSED.has(error.kind)) throw error;
    return undefined;
  }
}

async function readProjectByProject(
  client: JiraClient,
  projectsRead: Promise<JiraProjectMeta[]>,
  filter: string[] | undefined,
): Promise<Omit<StatusRead, 'refused' | 'siteList'>> {
  // With a filter the per-project reads start at once; without one they need the project list first.
  const keys = filter ?? (await projectsRead).map((project) => project.key);
  const limit = createSemaphore(PER_PROJECT_CONCURRENCY);
  const [results, projects] = await Promise.all([
    getStatusesForProjects((key) => limit(() => client.getProjectStatuses(key)), keys),
    projectsRead,
  ]);
  const byKey = new Map(projects.map((project) => [project.key, project]));
  const inaccessible: string[] = [];
  const readable = results.flatMap((result) => {
    if (result.ok)
      return [{ project: byKey.get(result.projectKey) ?? { key: result.projectKey }, issueTypes: result.issueTypes }];
    if (!PROJECT_INACCESSIBLE.has(result.error.kind)) throw result.error;
    inaccessible.push(result.projectKey);
    return [];
  });
  return { statuses: statusesFromProjects(readable), path: 'project_statuses', inaccessible };
}

async function readPriorities(client: JiraClient) {
  try {
    return toPriorityMeta(await client.searchPriorities());
  } catch (error) {
    if (!isJiraError(error) || !PRIORITY_SEARCH_REFUSED.has(error.kind)) throw error;
    return toPriorityMeta(await client.listPriorities());
  }
}
