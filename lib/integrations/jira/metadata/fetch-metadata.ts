import 'server-only';
import { isJiraError, type JiraCallEvent, type JiraClient, type JiraErrorKind } from '../client';
import { settleAll } from '../client/settle-all';
import { statusesFromProjects, statusesFromSearch, toPriorityMeta, toProjectMeta } from './normalize-metadata';
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

/** Counts the client's HTTP round trips: pass `onCall` to createJiraClient and `count` to fetchJiraMetadata. */
export function createRequestCounter() {
  let requests = 0;
  return { onCall: (_event: JiraCallEvent) => void (requests += 1), count: () => requests };
}

/**
 * Reads projects, statuses and priorities through one connection's client. Statuses come from
 * `statuses/search` (a few pages for the whole site) when the grant allows it, else, or when Jira
 * refuses it, from `project/{key}/statuses` per project within the client's concurrency bound.
 * Throws the first JiraError that is not a per-project access refusal, so a partial read never
 * replaces a complete one.
 */
export async function fetchJiraMetadata(client: JiraClient, options: FetchMetadataOptions): Promise<JiraMetadata> {
  const started = performance.now();
  const requestsBefore = options.requestCount?.() ?? 0;
  const filter = options.projectKeys?.length ? [...new Set(options.projectKeys)] : undefined;
  const projectsRead = client.listAllProjects().then((projects) => projects.map(toProjectMeta));
  const warnings: string[] = [];

  const [projects, statusRead, priorities] = await settleAll([
    projectsRead,
    readStatuses(client, projectsRead, filter, options, warnings),
    readPriorities(client),
  ]);

  if (statusRead.inaccessible.length > 0) {
    warnings.push(
      `${statusRead.inaccessible.length} project(s) in the project filter are not visible to the Jira user who connected Portico (${statusRead.inaccessible.join(', ')}); their statuses are missing. Ask a Jira admin to grant that user Browse Projects, or remove them from the filter.`,
    );
  }
  return {
    projects,
    statuses: statusRead.statuses,
    priorities,
    fetchedAt: new Date().toISOString(),
    stats: {
      statusPath: statusRead.path,
      jiraRequests: (options.requestCount?.() ?? 0) - requestsBefore,
      durationMs: Math.round(performance.now() - started),
      inaccessibleProjects: statusRead.inaccessible,
      ...(statusRead.refused ? { statusSearchRefused: true } : {}),
    },
    warnings,
  };
}

type StatusRead = { statuses: JiraStatusMeta[]; path: JiraStatusPath; inaccessible: string[]; refused: boolean };

async function readStatuses(
  client: JiraClient,
  projectsRead: Promise<JiraProjectMeta[]>,
  filter: string[] | undefined,
  options: FetchMetadataOptions,
  warnings: string[],
): Promise<StatusRead> {
  const granted = STATUS_SEARCH_SCOPES.some((scope) => options.grantedScopes.includes(scope));
  // A skipped search stays recorded as refused, so the next background refresh skips it too.
  let refused = granted && options.skipStatusSearch === true;
  let refusedForScope = false;
  if (granted && !refused) {
    try {
      const searched = await client.searchAllStatuses();
      const projects = await projectsRead;
      const visible = new Set(projects.map((project) => project.key));
      const statuses = statusesFromSearch(searched, projects, filter && new Set(filter));
      if (statuses.some((status) => status.usages.length === 0)) {
        warnings.push(
          'Jira’s site-wide status search does not say which projects use shared statuses, so only team-managed statuses show their project.',
        );
      }
      return {
        statuses,
        path: 'statuses_search',
        inaccessible: (filter ?? []).filter((key) => !visible.has(key)),
        refused: false,
      };
    } catch (error) {
      if (!isJiraError(error) || !STATUS_SEARCH_REFUSED.has(error.kind)) throw error;
      // The same token reading project/search proves the 401 is about rights, not a dead token.
      await projectsRead;
      refused = true;
      refusedForScope = error.kind === 'forbidden_scope';
    }
  }
  warnings.push(
    refusedForScope
      ? 'The token no longer holds manage:jira-configuration (it was probably removed from the app’s permissions in the Atlassian developer console), so statuses were read project by project; refreshing takes longer on sites with many projects. Add the scope back and reconnect to read them in one call.'
      : refused
        ? 'Jira refused the site-wide status search (it needs Jira administrator rights), so statuses were read project by project; refreshing takes longer on sites with many projects. Refresh tries the site-wide search again.'
        : 'This connection was not granted manage:jira-configuration, so statuses were read project by project; refreshing takes longer on sites with many projects.',
  );

  // With a filter the per-project reads start at once; without one they need the project list first.
  const keys = filter ?? (await projectsRead).map((project) => project.key);
  const [results, projects] = await Promise.all([client.getStatusesForProjects(keys), projectsRead]);
  const byKey = new Map(projects.map((project) => [project.key, project]));
  const inaccessible: string[] = [];
  const readable = results.flatMap((result) => {
    if (result.ok)
      return [{ project: byKey.get(result.projectKey) ?? { key: result.projectKey }, issueTypes: result.issueTypes }];
    if (!PROJECT_INACCESSIBLE.has(result.error.kind)) throw result.error;
    inaccessible.push(result.projectKey);
    return [];
  });
  return { statuses: statusesFromProjects(readable), path: 'project_statuses', inaccessible, refused };
}

async function readPriorities(client: JiraClient) {
  try {
    return toPriorityMeta(await client.searchPriorities());
  } catch (error) {
    if (!isJiraError(error) || !PRIORITY_SEARCH_REFUSED.has(error.kind)) throw error;
    return toPriorityMeta(await client.listPriorities());
  }
}
