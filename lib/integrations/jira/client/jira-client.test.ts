import { describe, expect, it } from 'vitest';

import { getAccessibleResources } from './accessible-resources';
import {
  API_BASE,
  CLOUD_ID,
  createFakeFetch,
  json,
  loadRecorded,
  recordedHandler,
  type FakeHandler,
} from './fake-jira.testing';
import { createJiraClient } from './jira-client';

const TOKEN = 'at-secret-123';

function clientFor(handler: FakeHandler) {
  const fake = createFakeFetch(handler);
  const client = createJiraClient({
    apiBaseUrl: `${API_BASE}/`,
    cloudId: CLOUD_ID,
    getAccessToken: () => Promise.resolve(TOKEN),
    fetch: fake.fetch,
  });
  return { client, calls: fake.calls };
}

describe('parsing recorded Atlassian responses', () => {
  const { client, calls } = clientFor((request) => {
    if (request.method === 'GET' && request.route === 'status') return json([loadRecorded('status-get.recorded.json')]);
    if (request.method === 'GET' && request.route === 'priority')
      return json([loadRecorded('priority-get.recorded.json')]);
    return recordedHandler(request);
  });

  it('getMyself', async () => {
    expect(await client.getMyself()).toEqual({
      accountId: '712020:7bf45758-6986-4e0e-aefc-a3000196d8d2',
      displayName: 'Nango Developer',
      emailAddress: 'api@nango.dev',
      active: true,
      accountType: 'atlassian',
      timeZone: 'Europe/Warsaw',
    });
    const call = calls.at(-1)!;
    expect(call.url.href).toBe(`${API_BASE}/ex/jira/${CLOUD_ID}/rest/api/3/myself`);
    expect(call.headers.get('authorization')).toBe(`Bearer ${TOKEN}`);
    expect(call.headers.get('accept')).toBe('application/json');
  });

  it('searchProjects, sending keys as repeated parameters', async () => {
    const page = await client.searchProjects({ keys: ['KAN', 'OPS'], query: 'kan' });
    expect(page).toMatchObject({ startAt: 0, total: 1, isLast: true });
    expect(page.values[0]).toMatchObject({
      id: '10000',
      key: 'KAN',
      projectTypeKey: 'software',
      simplified: true,
      style: 'next-gen',
    });
    expect(page.values[0]!.avatarUrls?.['48x48']).toContain('avatar/10416');
    expect(calls.at(-1)!.url.search).toBe('?query=kan&keys=KAN&keys=OPS&startAt=0&maxResults=50');
  });

  it('getProjectStatuses (issue types with status categories)', async () => {
    const issueTypes = await client.getProjectStatuses('KAN');
    expect(issueTypes.map((type) => type.name)).toContain('Task');
    expect(issueTypes[0]!.statuses[0]).toMatchObject({
      id: '10100',
      name: 'Backlog',
      statusCategory: { id: 2, key: 'new', name: 'To Do', colorName: 'blue-gray' },
    });
  });

  it('searchStatuses, where statusCategory is an enum string', async () => {
    const page = await client.searchStatuses({ projectId: '10000', searchString: 'Build' });
    expect(page.values).toHaveLength(7);
    expect(page.values[0]).toMatchObject({ id: '401', statusCategory: 'IN_PROGRESS', scope: { type: 'GLOBAL' } });
    expect(calls.at(-1)!.url.search).toBe('?startAt=0&maxResults=200&projectId=10000&searchString=Build');
  });

  it('listStatuses, including a team-managed status scoped to a project', async () => {
    const [status] = await client.listStatuses();
    expect(status).toMatchObject({
      id: '10000',
      untranslatedName: 'To Do',
      scope: { type: 'PROJECT', project: { id: '10000' } },
    });
  });

  it('searchPriorities and listPriorities', async () => {
    expect((await client.searchPriorities()).map((priority) => priority.name)).toEqual([
      'Highest',
      'High',
      'Medium',
      'Low',
      'Lowest',
    ]);
    expect(await client.listPriorities()).toEqual([
      expect.objectContaining({ id: '1', name: 'Highest', statusColor: '#d04437' }),
    ]);
  });

  it('searchIssues via POST search/jql, with no total and no nextPageToken on the last page', async () => {
    const page = await client.searchIssues({ jql: 'project = KAN', fields: ['summary', 'status'], maxResults: 20 });
    expect(page.issues).toHaveLength(16);
    expect(page.issues[0]).toMatchObject({ id: '10006', key: 'KAN-5' });
    expect(page.issues[0]!.fields.summary).toBe('Test issue for add-watcher action');
    expect(page.isLast).toBe(true);
    expect(page.nextPageToken).toBeUndefined();
    expect(calls.at(-1)!.body).toEqual({ jql: 'project = KAN', fields: ['summary', 'status'], maxResults: 20 });
    expect(calls.at(-1)!.headers.get('content-type')).toBe('application/json');
  });

  it('getAccessibleResources (gateway level, not site scoped)', async () => {
    const fake = createFakeFetch(recordedHandler);
    const sites = await getAccessibleResources(API_BASE, TOKEN, fake.fetch);
    expect(sites).toEqual([
      expect.objectContaining({ id: CLOUD_ID, name: 'nango-team-test', url: 'https://nango-team-test.atlassian.net' }),
    ]);
    expect(sites[0]!.scopes).toContain('read:jira-work');
    expect(sites[0]!.avatarUrl).toContain('jersey.png');
    expect(fake.calls[0]!.url.href).toBe(`${API_BASE}/oauth/token/accessible-resources`);
  });
});

describe('operations without recorded traffic (shapes from the OpenAPI doc)', () => {
  it('searchIssues passes nextPageToken through and handles an empty result', async () => {
    const { client, calls } = clientFor(() => json(loadRecorded('search-jql-post-empty.recorded.json')));
    expect(await client.searchIssues({ jql: 'project = KAN', fields: ['id'], nextPageToken: 'page-2' })).toEqual({
      issues: [],
      isLast: true,
      nextPageToken: undefined,
    });
    expect(calls[0]!.body).toMatchObject({ nextPageToken: 'page-2', maxResults: 50 });
  });

  it('searchIssues treats a null nextPageToken as absent', async () => {
    const { client } = clientFor(() => json({ issues: [{ id: '1', key: 'A-1' }], nextPageToken: null }));
    expect(await client.searchIssues({ jql: 'project = A', fields: ['id'] })).toEqual({
      issues: [{ id: '1', key: 'A-1', fields: {} }],
      nextPageToken: undefined,
    });
  });

  it('approximateCount posts the JQL and returns the count', async () => {
    const { client, calls } = clientFor(() => json({ count: 153 }));
    expect(await client.approximateCount('project = HSP')).toBe(153);
    expect(calls[0]).toMatchObject({
      method: 'POST',
      route: 'search/approximate-count',
      body: { jql: 'project = HSP' },
    });
  });

  it('getMyPermissions sends a comma-separated list and returns the permission map', async () => {
    const { client, calls } = clientFor(() =>
      json(
        (loadRecorded('documented-examples.json') as { spec_example_mypermissions: { response: unknown } })
          .spec_example_mypermissions.response,
      ),
    );
    const permissions = await client.getMyPermissions({
      permissions: ['EDIT_ISSUES', 'BROWSE_PROJECTS'],
      projectKey: 'KAN',
    });
    expect(permissions.EDIT_ISSUES).toMatchObject({ havePermission: true, type: 'PROJECT' });
    expect(calls[0]!.url.searchParams.get('permissions')).toBe('EDIT_ISSUES,BROWSE_PROJECTS');
    expect(calls[0]!.url.searchParams.get('projectKey')).toBe('KAN');
  });

  it('refuses a project key that could change the request path', async () => {
    const { client, calls } = clientFor(recordedHandler);
    await expect(client.getProjectStatuses('../myself')).rejects.toMatchObject({ kind: 'bad_request' });
    expect(calls).toHaveLength(0);
  });
});

describe('pagination', () => {
  const project = (n: number) => ({ id: String(n), key: `P${n}`, name: `Project ${n}`, projectTypeKey: 'software' });

  it('listAllProjects follows pages until isLast, advancing by the items actually returned', async () => {
    const { client, calls } = clientFor(({ url }) => {
      const startAt = Number(url.searchParams.get('startAt'));
      // Jira may return a short page that is not the last one.
      const size = startAt === 0 ? 100 : 30;
      const values = Array.from({ length: startAt >= 130 ? 5 : size }, (_, i) => project(startAt + i));
      return json({ startAt, maxResults: 100, total: 135, isLast: startAt >= 130, values });
    });
    const projects = await client.listAllProjects({ query: 'P' });
    expect(projects).toHaveLength(135);
    expect(calls.map((call) => call.url.searchParams.get('startAt'))).toEqual(['0', '100', '130']);
    expect(
      calls.every(
        (call) => call.url.searchParams.get('maxResults') === '100' && call.url.searchParams.get('query') === 'P',
      ),
    ).toBe(true);
  });

  it('searchAllStatuses stops on total when isLast is missing', async () => {
    const status = (n: number) => ({ id: String(n), name: `S${n}`, statusCategory: 'TODO', scope: { type: 'GLOBAL' } });
    const { client, calls } = clientFor(({ url }) => {
      const startAt = Number(url.searchParams.get('startAt'));
      return json({ startAt, maxResults: 2, total: 3, values: startAt === 0 ? [status(1), status(2)] : [status(3)] });
    });
    expect((await client.searchAllStatuses({ projectId: '10000' })).map((s) => s.id)).toEqual(['1', '2', '3']);
    expect(calls).toHaveLength(2);
  });

  it('searchPriorities stops on an empty page even if Jira claims more', async () => {
    const { client, calls } = clientFor(() => json({ startAt: 0, maxResults: 50, isLast: false, values: [] }));
    expect(await client.searchPriorities()).toEqual([]);
    expect(calls).toHaveLength(1);
  });
});
