import { describe, expect, it } from 'vitest';
import { createJiraClient } from '../client';
import { API_BASE, CLOUD_ID, createFakeFetch, json, type FakeHandler } from '../client/fake-jira.testing';
import { createRequestCounter, fetchJiraMetadata } from './fetch-metadata';

const SCOPE_MISMATCH = () => json({ code: 401, message: 'Unauthorized; scope does not match' }, 401);
const NOT_ADMIN = () => json({ errorMessages: ['Administrator privileges are required.'], errors: {} }, 401);
const cat = (key: string) => ({ id: { new: 2, indeterminate: 4, done: 3 }[key] ?? 1, key, name: key, colorName: 'x' });

const SEARCHED = [
  { id: '10', name: 'Done', statusCategory: 'DONE', scope: { type: 'GLOBAL' } },
  { id: '3', name: 'In Progress', statusCategory: 'IN_PROGRESS', scope: { type: 'GLOBAL' } },
  { id: '1', name: 'Open', statusCategory: 'TODO', scope: { type: 'GLOBAL' } },
  { id: '50', name: 'Shipped', statusCategory: 'DONE', scope: { type: 'PROJECT', project: { id: '102' } } },
];

/** A small Jira: 3 visible projects (HIDE answers 404), paged project/search and statuses/search. */
function fakeJira(overrides: Record<string, FakeHandler> = {}) {
  const projects = ['ALPHA', 'BETA', 'GAMMA'].map((key, i) => ({
    id: String(100 + i),
    key,
    name: `${key[0]}${key.slice(1).toLowerCase()}`,
    projectTypeKey: 'software',
    avatarUrls: { '48x48': `https://jira/avatar/${key}` },
  }));
  const perProject: Record<string, unknown> = {
    ALPHA: [{ id: '1', name: 'Bug', subtask: false, statuses: [{ id: '1', name: 'Open', statusCategory: cat('new') }, { id: '3', name: 'In Progress', statusCategory: cat('indeterminate') }] }],
    BETA: [{ id: '2', name: 'Task', subtask: false, statuses: [{ id: '1', name: 'Open', statusCategory: cat('new') }, { id: '10', name: 'Done', statusCategory: cat('done') }] }],
    GAMMA: [{ id: '2', name: 'Task', subtask: false, statuses: [{ id: '50', name: 'Shipped', statusCategory: cat('done'), scope: { type: 'PROJECT', project: { id: '102' } } }] }],
  };
  const searched = SEARCHED;
  const priorities = [
    { id: '1', name: 'Highest', iconUrl: 'https://jira/p/1.svg', statusColor: '#d04437' },
    { id: '3', name: 'Medium', iconUrl: 'https://jira/p/3.svg', statusColor: '#ffab00' },
    { id: '5', name: 'Lowest', iconUrl: 'https://jira/p/5.svg', statusColor: '#999999' },
  ];
  const page = (values: unknown[], url: URL, size: number) => {
    const startAt = Number(url.searchParams.get('startAt') ?? 0);
    const slice = values.slice(startAt, startAt + size);
    return json({ startAt, maxResults: size, total: values.length, isLast: startAt + slice.length >= values.length, values: slice });
  };
  let inFlight = 0;
  const state = { maxInFlight: 0 };
  const handler: FakeHandler = async (request) => {
    const override = overrides[request.route];
    if (override) return override(request);
    inFlight += 1;
    state.maxInFlight = Math.max(state.maxInFlight, inFlight);
    await new Promise((resolve) => setTimeout(resolve, 2));
    inFlight -= 1;
    if (request.route === 'project/search') return page(projects, request.url, 2);
    if (request.route === 'statuses/search') return page(searched, request.url, 3);
    if (request.route === 'priority/search') return page(priorities, request.url, 2);
    if (request.route === 'priority') return json(priorities);
    // GET status: statuses of workflows the user can see (all four here).
    if (request.route === 'status') return json(searched.map((status) => ({ id: status.id, name: status.name, statusCategory: cat('new') })));
    const key = /^project\/(\w+)\/statuses$/.exec(request.route)?.[1];
    if (key && perProject[key]) return json(perProject[key]);
    return json({ errorMessages: ['No project could be found.'], errors: {} }, 404);
  };
  const fake = createFakeFetch(handler);
  const counter = createRequestCounter();
  const client = createJiraClient({
    apiBaseUrl: API_BASE,
    cloudId: CLOUD_ID,
    getAccessToken: () => Promise.resolve('token'),
    fetch: fake.fetch,
    onCall: counter.onCall,
    maxConcurrency: 2,
    rateLimit: { maxRetries: 0 },
    upstreamRetryDelayMs: 0,
  });
  const routes = () => fake.calls.map((call) => call.route);
  return { client, counter, routes, state };
}

const ADMIN_SCOPES = ['read:jira-work', 'manage:jira-configuration'];

describe('fetchJiraMetadata', () => {
  it('uses statuses/search when granted: a few paged calls, no per-project reads', async () => {
    const jira = fakeJira();
    const metadata = await fetchJiraMetadata(jira.client, { grantedScopes: ADMIN_SCOPES, requestCount: jira.counter.count });

    expect(metadata.stats).toMatchObject({ statusPath: 'statuses_search', jiraRequests: 7, inaccessibleProjects: [], siteStatusesListed: true });
    expect(jira.routes().filter((route) => route.endsWith('/statuses'))).toEqual([]);
    expect(metadata.projects[0]).toEqual({ id: '100', key: 'ALPHA', name: 'Alpha', projectTypeKey: 'software', avatarUrl: 'https://jira/avatar/ALPHA' });
    expect(metadata.statuses.map((s) => [s.id, s.category, s.usages.map((u) => u.projectKey)])).toEqual([
      ['10', 'DONE', []],
      ['3', 'IN_PROGRESS', []],
      ['1', 'TODO', []],
      ['50', 'DONE', ['GAMMA']],
    ]);
    expect(metadata.priorities.map((p) => [p.name, p.position])).toEqual([['Highest', 0], ['Medium', 1], ['Lowest', 2]]);
    expect(Date.parse(metadata.fetchedAt)).not.toBeNaN();
  });

  it('reads project by project without the scope, within the concurrency bound, merging usages', async () => {
    const jira = fakeJira();
    const metadata = await fetchJiraMetadata(jira.client, { grantedScopes: ['read:jira-work'], requestCount: jira.counter.count });

    expect(jira.routes()).not.toContain('statuses/search');
    expect(metadata.stats).toMatchObject({ statusPath: 'project_statuses', jiraRequests: 2 + 3 + 2 });
    expect(metadata.stats.statusSearchRefused).toBeUndefined();
    expect(jira.state.maxInFlight).toBeLessThanOrEqual(2);
    expect(metadata.statuses.find((s) => s.id === '1')).toEqual({
      id: '1',
      name: 'Open',
      category: 'TODO',
      usages: [
        { projectKey: 'ALPHA', projectName: 'Alpha', issueTypes: ['Bug'] },
        { projectKey: 'BETA', projectName: 'Beta', issueTypes: ['Task'] },
      ],
    });
    expect(metadata.warnings.join(' ')).toMatch(/not granted manage:jira-configuration/);
  });

  it.each([
    ['a scope mismatch', SCOPE_MISMATCH, 1],
    ['a 401 for a non-admin (sent once: a refresh cannot fix a refusal of a fresh token)', NOT_ADMIN, 1],
    ['a 403', () => json({ errorMessages: ['Forbidden'], errors: {} }, 403), 1],
  ])('falls back when statuses/search answers %s', async (_name, refusal, attempts) => {
    const jira = fakeJira({ 'statuses/search': refusal });
    const metadata = await fetchJiraMetadata(jira.client, { grantedScopes: ADMIN_SCOPES, requestCount: jira.counter.count });

    expect(metadata.stats).toMatchObject({ statusPath: 'project_statuses', statusSearchRefused: true });
    expect(jira.routes().filter((route) => route === 'statuses/search')).toHaveLength(attempts);
    expect(metadata.statuses.map((s) => s.id).sort()).toEqual(['1', '10', '3', '50']);
  });

  it('with a project filter, reads only those projects and reports the ones it cannot see', async () => {
    const jira = fakeJira();
    const metadata = await fetchJiraMetadata(jira.client, { grantedScopes: [], projectKeys: ['BETA', 'HIDE', 'BETA'], requestCount: jira.counter.count });

    expect(jira.routes().filter((route) => route.endsWith('/statuses')).sort()).toEqual(['project/BETA/statuses', 'project/HIDE/statuses']);
    expect(metadata.stats.inaccessibleProjects).toEqual(['HIDE']);
    expect(metadata.statuses.map((s) => s.id)).toEqual(['10', '1']);
    expect(metadata.projects).toHaveLength(3);
    expect(metadata.warnings.join(' ')).toContain('(HIDE)');
    expect(metadata.warnings.join(' ')).toMatch(/cannot tell a status deleted in Jira from one the authorizing user cannot see/);
  });

  it('on the fast path, lists filtered projects missing from project/search as inaccessible', async () => {
    const jira = fakeJira();
    const metadata = await fetchJiraMetadata(jira.client, { grantedScopes: ADMIN_SCOPES, projectKeys: ['ALPHA', 'HIDE'] });
    expect(metadata.stats.inaccessibleProjects).toEqual(['HIDE']);
    expect(metadata.statuses.map((s) => s.id)).not.toContain('50');
  });

  it('considers the same statuses in use on both paths: a global status no visible workflow uses is not in use', async () => {
    // 99 "Legal Review" is a global status only an invisible project's workflow uses: statuses/search
    // lists it, GET status and the per-project reads do not.
    const legal = { id: '99', name: 'Legal Review', statusCategory: 'IN_PROGRESS', scope: { type: 'GLOBAL' } };
    const withLegal = fakeJira({
      'statuses/search': () => json({ startAt: 0, maxResults: 200, total: 5, isLast: true, values: [legal, ...SEARCHED] }),
    });
    const fast = await fetchJiraMetadata(withLegal.client, { grantedScopes: ADMIN_SCOPES });
    const slow = await fetchJiraMetadata(fakeJira().client, { grantedScopes: ['read:jira-work'] });

    expect(fast.stats.statusPath).toBe('statuses_search');
    expect(slow.stats.statusPath).toBe('project_statuses');
    expect(fast.statuses.map((s) => s.id).sort()).toEqual(slow.statuses.map((s) => s.id).sort());
    expect(fast.otherStatuses).toEqual([{ id: '99', name: 'Legal Review', category: 'IN_PROGRESS', usages: [] }]);
    expect(fast.stats.siteStatusesListed).toBe(true);
    expect(slow.stats.siteStatusesListed).toBe(false);
  });

  it('falls back to GET priority when priority/search is refused, keeping its order', async () => {
    const jira = fakeJira({ 'priority/search': SCOPE_MISMATCH });
    const metadata = await fetchJiraMetadata(jira.client, { grantedScopes: ADMIN_SCOPES });
    expect(jira.routes()).toContain('priority');
    expect(metadata.priorities.map((p) => p.id)).toEqual(['1', '3', '5']);
  });

  it.each([
    ['rate limited', () => json({}, 429, { 'retry-after': '30' }), 'rate_limited'],
    ['failing', () => json({}, 503), 'upstream'],
  ])('fails as a whole, not partially, when a project read is %s', async (_name, failure, kind) => {
    const jira = fakeJira({ 'project/BETA/statuses': failure });
    await expect(fetchJiraMetadata(jira.client, { grantedScopes: [] })).rejects.toMatchObject({ name: 'JiraError', kind });
  });

  it('fails when project/search fails, even if the status search was refused', async () => {
    const jira = fakeJira({ 'project/search': SCOPE_MISMATCH, 'statuses/search': NOT_ADMIN });
    await expect(fetchJiraMetadata(jira.client, { grantedScopes: ADMIN_SCOPES })).rejects.toMatchObject({ kind: 'forbidden_scope' });
  });

  it('skips the search when told it was refused before, and says so in stats', async () => {
    const jira = fakeJira();
    const metadata = await fetchJiraMetadata(jira.client, { grantedScopes: ADMIN_SCOPES, skipStatusSearch: true });
    expect(jira.routes()).not.toContain('statuses/search');
    expect(metadata.stats).toMatchObject({ statusPath: 'project_statuses', statusSearchRefused: true });
  });
});
