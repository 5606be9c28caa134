import 'server-only';

import { z } from 'zod';

import { JiraError } from './errors';
import { collectPages } from './paginate';
import {
  approximateCountSchema,
  registeredWebhooksSchema,
  webhookExpirySchema,
  issueTypeWithStatusesSchema,
  myPermissionsSchema,
  myselfSchema,
  pageBeanSchema,
  prioritySchema,
  projectSchema,
  searchedStatusSchema,
  searchIssuesSchema,
  statusDetailsSchema,
} from './schemas';
import { createSemaphore } from './semaphore';
import { sendRequest } from './send-request';
import { getStatusesForProjects } from './statuses-for-projects';
import { createTransport, type TransportOptions } from './transport';

export type JiraClientOptions = Omit<TransportOptions, 'canRefresh'> & {
  /** Gateway origin, e.g. `https://api.atlassian.com`. */
  apiBaseUrl: string;
  cloudId: string;
  /** Most requests in flight at once from this client (default 4). */
  maxConcurrency?: number;
};

export type JiraClient = ReturnType<typeof createJiraClient>;

type Query = Record<string, string | number | readonly string[] | undefined>;

// Jira project keys are letters, digits and underscores; ids are digits. Anything else (a dot
// segment, a slash) could steer the request to another endpoint, so it is refused before sending.
const PROJECT_ID_OR_KEY = /^[A-Za-z0-9_]+$/;

export function createJiraClient(options: JiraClientOptions) {
  const transport = createTransport(options);
  const limit = createSemaphore(options.maxConcurrency ?? 4);
  const base = `${options.apiBaseUrl.replace(/\/+$/, '')}/ex/jira/${encodeURIComponent(options.cloudId)}/rest/api/3/`;

  const get = <S extends z.ZodType>(operation: string, path: string, schema: S, query: Query = {}) =>
    limit(() => sendRequest(transport, { operation, method: 'GET', url: buildUrl(base, path, query), schema }));
  const postRead = <S extends z.ZodType>(operation: string, path: string, schema: S, body: unknown) =>
    limit(() => sendRequest(transport, { operation, method: 'POST', url: base + path, body, schema, readOnly: true }));

  const write = <S extends z.ZodType>(operation: string, method: 'POST' | 'PUT' | 'DELETE', path: string, schema: S, body: unknown, noBody = false) =>
    limit(() => sendRequest(transport, { operation, method, url: base + path, body, schema, noBody }));

  const client = {
    getMyself: () => get('getMyself', 'myself', myselfSchema),

    /** One page; Jira caps maxResults at 100. */
    searchProjects: ({ query, keys, startAt = 0, maxResults = 50 }: ProjectSearch & PageRequest = {}) =>
      get('searchProjects', 'project/search', pageBeanSchema(projectSchema), { query, keys, startAt, maxResults }),
    listAllProjects: ({ query, keys }: ProjectSearch = {}) =>
      collectPages('listAllProjects', (startAt) => client.searchProjects({ query, keys, startAt, maxResults: 100 })),

    getProjectStatuses: (projectIdOrKey: string) => {
      if (!PROJECT_ID_OR_KEY.test(projectIdOrKey)) {
        const message = 'Jira call getProjectStatuses was given an invalid project key or id.';
        return Promise.reject(new JiraError('bad_request', message, { operation: 'getProjectStatuses' }));
      }
      return get('getProjectStatuses', `project/${projectIdOrKey}/statuses`, z.array(issueTypeWithStatusesSchema));
    },
    /** Per-project results, errors included; runs within the client's concurrency bound. */
    getStatusesForProjects: (projectKeys: readonly string[]) =>
      getStatusesForProjects(client.getProjectStatuses, projectKeys),

    /**
     * One page of `statuses/search` (default page 200). The spec asks for manage:jira-configuration,
     * but the recorded call succeeded without it, so a forbidden_scope here is not a foregone conclusion.
     */
    searchStatuses: ({ startAt = 0, maxResults = 200, projectId, searchString }: StatusSearch & PageRequest = {}) =>
      get('searchStatuses', 'statuses/search', pageBeanSchema(searchedStatusSchema), {
        startAt,
        maxResults,
        projectId,
        searchString,
      }),
    searchAllStatuses: ({ projectId, searchString }: StatusSearch = {}) =>
      collectPages('searchAllStatuses', (startAt) => client.searchStatuses({ projectId, searchString, startAt })),
    listStatuses: () => get('listStatuses', 'status', z.array(statusDetailsSchema)),

    // The OpenAPI doc marks both priority endpoints deprecated with a past removal date
    // (priority/search: CHANGE-1655, priority: CHANGE-762), yet priority/search answered through
    // the gateway in April 2026 (sandbox/reference/recorded/README.md). Callers fall back to
    // listPriorities when search fails.
    searchPriorities: () =>
      collectPages('searchPriorities', (startAt) =>
        get('searchPriorities', 'priority/search', pageBeanSchema(prioritySchema), { startAt, maxResults: 50 }),
      ),
    listPriorities: () => get('listPriorities', 'priority', z.array(prioritySchema)),

    /** `permissions` is required by Jira and sent comma-separated, as the spec asks. */
    getMyPermissions: async ({ permissions, projectKey }: { permissions: readonly string[]; projectKey?: string }) =>
      (
        await get('getMyPermissions', 'mypermissions', myPermissionsSchema, {
          permissions: permissions.join(','),
          projectKey,
        })
      ).permissions,

    approximateCount: async (jql: string) =>
      (await postRead('approximateCount', 'search/approximate-count', approximateCountSchema, { jql })).count,

    // POST rather than GET: the spec points long JQL at POST, and JQL stays out of URLs and logs.
    // The response has no `total`; use approximateCount for one.
    searchIssues: ({ jql, fields, maxResults = 50, nextPageToken }: IssueSearch) =>
      postRead('searchIssues', 'search/jql', searchIssuesSchema, { jql, fields, maxResults, nextPageToken }),

    // Dynamic webhooks (OAuth 2.0 apps; read:jira-work + manage:jira-webhook). Registration answers 200 with
    // per-webhook `errors` for a filter Jira refuses; writes are not retried on 5xx (a lost answer to a
    // registration would otherwise register twice).
    registerWebhooks: (url: string, webhooks: readonly { events: readonly string[]; jqlFilter: string }[]) =>
      write('registerWebhooks', 'POST', 'webhook', registeredWebhooksSchema, { url, webhooks }),
    /** Jira ignores ids that are unknown or belong to other apps. */
    deleteWebhooks: (webhookIds: readonly number[]) =>
      write('deleteWebhooks', 'DELETE', 'webhook', z.undefined(), { webhookIds }, true),
    /** Extends the webhooks' life to 30 days from now (Jira's clock); unknown ids are ignored. */
    refreshWebhooks: (webhookIds: readonly number[]) =>
      write('refreshWebhooks', 'PUT', 'webhook/refresh', webhookExpirySchema, { webhookIds }),
  };
  return client;
}

type PageRequest = { startAt?: number; maxResults?: number };
type ProjectSearch = { query?: string; keys?: readonly string[] };
type StatusSearch = { projectId?: string; searchString?: string };
type IssueSearch = { jql: string; fields: readonly string[]; maxResults?: number; nextPageToken?: string };

// Arrays become repeated parameters (`keys=A&keys=B`), the form project/search documents.
function buildUrl(base: string, path: string, query: Query): string {
  const params = new URLSearchParams();
  for (const [name, value] of Object.entries(query)) {
    if (value === undefined) continue;
    if (typeof value === 'string' || typeof value === 'number') params.append(name, String(value));
    else for (const item of value) params.append(name, item);
  }
  const search = params.toString();
  return search ? `${base}${path}?${search}` : `${base}${path}`;
}
