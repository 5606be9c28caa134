// Test support (not a test file): recorded Atlassian responses and a fake fetch that records calls.
import { readFileSync } from 'node:fs';
import path from 'node:path';
import { fileURLToPath } from 'node:url';

// The recorded responses live in the repository (sandbox/reference/), so a plain clone runs its tests.
const recordedDir = fileURLToPath(new URL('../../../../sandbox/reference/recorded/', import.meta.url));

export function loadRecorded(fileName: string): unknown {
  return JSON.parse(readFileSync(path.join(recordedDir, fileName), 'utf8'));
}

export const API_BASE = 'https://api.atlassian.com';
export const CLOUD_ID = '07779958-e747-4285-ad18-0f5252a97bff';
export const SITE_PREFIX = `/ex/jira/${CLOUD_ID}/rest/api/3/`;

export type FakeRequest = {
  method: string;
  url: URL;
  /** Path relative to the site's /rest/api/3/ prefix, or the full path for gateway calls. */
  route: string;
  headers: Headers;
  body: unknown;
  signal: AbortSignal | undefined;
};

export type FakeHandler = (request: FakeRequest) => Response | Promise<Response>;

export function json(body: unknown, status = 200, headers: Record<string, string> = {}): Response {
  return new Response(JSON.stringify(body), {
    status,
    headers: { 'content-type': 'application/json;charset=UTF-8', ...headers },
  });
}

/** A fetch that hands each request to `handler` and keeps a log of what was sent. */
export function createFakeFetch(handler: FakeHandler) {
  const calls: FakeRequest[] = [];
  const fetch = async (input: string | URL | Request, init: RequestInit = {}): Promise<Response> => {
    const url = new URL(typeof input === 'string' ? input : input instanceof URL ? input.href : input.url);
    const route = url.pathname.startsWith(SITE_PREFIX) ? url.pathname.slice(SITE_PREFIX.length) : url.pathname;
    const request: FakeRequest = {
      method: init.method ?? 'GET',
      url,
      route,
      headers: new Headers(init.headers),
      body: typeof init.body === 'string' ? JSON.parse(init.body) : undefined,
      signal: init.signal ?? undefined,
    };
    calls.push(request);
    return handler(request);
  };
  return { fetch, calls };
}

/** Serves the recorded Jira responses by route, 404 for anything else. */
export const recordedRoutes: Record<string, string> = {
  'GET myself': 'myself.recorded.json',
  'GET project/search': 'project-search.recorded.json',
  'GET project/KAN/statuses': 'project-statuses.v2-cloud.recorded.json',
  'GET statuses/search': 'statuses-search.recorded.json',
  'GET priority/search': 'priority-search.recorded.json',
  'POST search/jql': 'search-jql-get.recorded.json',
  'GET /oauth/token/accessible-resources': 'accessible-resources.recorded.json',
};

export const recordedHandler: FakeHandler = ({ method, route }) => {
  const file = recordedRoutes[`${method} ${route}`];
  return file ? json(loadRecorded(file)) : json({ errorMessages: ['Not found.'], errors: {} }, 404);
};
