import { beforeEach, describe, expect, it } from 'vitest';
import { setupSandbox } from '../../setup-sandbox.testing';
import { connect, control, jira, type Tokens } from '../../test-support';
import { LABS_CLOUD_ID, MAIN_CLOUD_ID } from '../../world/default-sites';

const sandbox = setupSandbox();
let t: Tokens;
beforeEach(async () => {
  t = await connect(sandbox.url);
});

const resources = async (token: string) => (await fetch(`${sandbox.url}/oauth/token/accessible-resources`, { headers: { authorization: `Bearer ${token}` } })).json() as Promise<Array<{ id: string; scopes: string[] }>>;

describe('sites and grants', () => {
  it('lists every site the user consented this app to', async () => {
    expect((await resources(t.access_token)).map((r) => r.id)).toEqual([MAIN_CLOUD_ID]);
    await connect(sandbox.url, { cloudId: LABS_CLOUD_ID });
    const both = await resources(t.access_token);
    expect(both.map((r) => r.id).sort()).toEqual([MAIN_CLOUD_ID, LABS_CLOUD_ID].sort());
    expect(both[0]?.scopes).not.toContain('offline_access');
    expect((await jira(sandbox.url, t.access_token, 'myself', { cloudId: LABS_CLOUD_ID })).status).toBe(200);
  });

  it('refuses a cloudId outside the grant and a removed site', async () => {
    expect(await jira(sandbox.url, t.access_token, 'myself', { cloudId: LABS_CLOUD_ID })).toMatchObject({ status: 401, json: { code: 401, message: 'Unauthorized' } });
    await control(sandbox.url, 'sites/remove', { cloudId: MAIN_CLOUD_ID });
    expect(await resources(t.access_token)).toEqual([]);
    expect((await jira(sandbox.url, t.access_token, 'myself')).status).toBe(401);
  });

  it('answers /me only with read:me', async () => {
    const me = await fetch(`${sandbox.url}/me`, { headers: { authorization: `Bearer ${t.access_token}` } });
    expect(await me.json()).toMatchObject({ account_type: 'atlassian', account_status: 'active' });
    const narrow = await connect(sandbox.url, { scopes: ['read:jira-work'] });
    const denied = await fetch(`${sandbox.url}/me`, { headers: { authorization: `Bearer ${narrow.access_token}` } });
    expect(denied.status).toBe(401);
  });

  it('enforces per-operation scopes without naming the missing one', async () => {
    const narrow = await connect(sandbox.url, { scopes: ['read:jira-work'] });
    expect(await jira(sandbox.url, narrow.access_token, 'statuses/search')).toMatchObject({ status: 401, json: { code: 401, message: 'Unauthorized; scope does not match' } });
    expect((await jira(sandbox.url, narrow.access_token, 'project/search')).status).toBe(200);
    // Granular alternative: read:workflow:jira satisfies statuses/search.
    const granular = await connect(sandbox.url, { scopes: ['read:workflow:jira'] });
    expect((await jira(sandbox.url, granular.access_token, 'statuses/search')).status).toBe(200);
  });
});

describe('projects', () => {
  it('hides projects the user cannot browse and caps maxResults at 100', async () => {
    const page = await jira(sandbox.url, t.access_token, 'project/search?maxResults=500');
    expect(page.json.maxResults).toBe(100);
    expect(page.json.values.map((p: { key: string }) => p.key)).toEqual(['HELP', 'MKT', 'MOB', 'OPS', 'PLAT']);
    expect(page.json.total).toBe(5);
    expect((await jira(sandbox.url, t.access_token, 'project/SEC')).json).toEqual({ errorMessages: ["No project could be found with key 'SEC'."], errors: {} });
    expect((await jira(sandbox.url, t.access_token, 'project/SEC/statuses')).status).toBe(404);
  });

  it('pages with startAt and filters with keys and query', async () => {
    const page = await jira(sandbox.url, t.access_token, 'project/search?maxResults=2&startAt=2');
    expect(page.json).toMatchObject({ startAt: 2, maxResults: 2, total: 5, isLast: false });
    expect(page.json.nextPage).toContain('startAt=4');
    expect((await jira(sandbox.url, t.access_token, 'project/search?keys=PLAT&keys=SEC')).json.values).toHaveLength(1);
    expect((await jira(sandbox.url, t.access_token, 'project/search?query=desk')).json.values[0].key).toBe('HELP');
  });

  it('groups statuses by issue type with their categories', async () => {
    const res = await jira(sandbox.url, t.access_token, 'project/HELP/statuses');
    const request = res.json.find((x: { name: string }) => x.name === 'Service request');
    expect(request.statuses.map((s: { name: string }) => s.name)).toContain('Waiting for customer');
    expect(request.statuses[0].statusCategory).toMatchObject({ key: 'new', id: 2 });
  });

  it('drops Browse in restricted-projects', async () => {
    await control(sandbox.url, 'scenario', { name: 'restricted-projects' });
    const keys = (await jira(sandbox.url, t.access_token, 'project/search')).json.values.map((p: { key: string }) => p.key);
    expect(keys).toEqual(['MOB', 'OPS', 'PLAT']);
  });
});

describe('statuses, priorities, permissions', () => {
  it('statuses/search filters by category and needs admin rights', async () => {
    const done = await jira(sandbox.url, t.access_token, 'statuses/search?statusCategory=DONE');
    expect(done.json.values.every((s: { statusCategory: string }) => s.statusCategory === 'DONE')).toBe(true);
    await connect(sandbox.url, { cloudId: LABS_CLOUD_ID });
    expect((await jira(sandbox.url, t.access_token, 'statuses/search', { cloudId: LABS_CLOUD_ID })).status).toBe(401);
  });

  it('GET status and status/{idOrName} answer only statuses of workflows the user can see (404 otherwise, as documented)', async () => {
    // 10006 is a global status only HELP's workflow uses.
    const ids = async (): Promise<string[]> => ((await jira(sandbox.url, t.access_token, 'status')).json as { id: string }[]).map((s) => s.id);
    expect(await ids()).toContain('10006');
    expect((await jira(sandbox.url, t.access_token, 'status/10006')).status).toBe(200);
    await control(sandbox.url, 'scenario', { name: 'restricted-projects' });
    expect(await ids()).not.toContain('10006');
    expect((await jira(sandbox.url, t.access_token, 'status/10006')).status).toBe(404);
    // statuses/search still lists it: it exists on the site.
    const searched = await jira(sandbox.url, t.access_token, 'statuses/search');
    expect(searched.json.values.map((s: { id: string }) => s.id)).toContain('10006');
  });

  it('priority/search marks the default and includes custom priorities', async () => {
    const res = await jira(sandbox.url, t.access_token, 'priority/search');
    expect(res.json.values.map((p: { name: string }) => p.name)).toEqual(expect.arrayContaining(['Medium', 'Blocker', 'Trivial']));
    expect(res.json.values.filter((p: { isDefault: boolean }) => p.isDefault).map((p: { name: string }) => p.name)).toEqual(['Medium']);
  });

  it('mypermissions needs permissions and hides invisible projects', async () => {
    expect((await jira(sandbox.url, t.access_token, 'mypermissions')).status).toBe(400);
    const ops = await jira(sandbox.url, t.access_token, 'mypermissions?permissions=BROWSE_PROJECTS,ADMINISTER_PROJECTS&projectKey=OPS');
    expect(ops.json.permissions.BROWSE_PROJECTS.havePermission).toBe(true);
    expect(ops.json.permissions.ADMINISTER_PROJECTS.havePermission).toBe(false);
    expect((await jira(sandbox.url, t.access_token, 'mypermissions?permissions=BROWSE_PROJECTS&projectKey=SEC')).status).toBe(404);
  });
});

describe('search', () => {
  it('pages search/jql with nextPageToken and no total', async () => {
    const jql = encodeURIComponent('project = PLAT ORDER BY key ASC');
    const first = await jira(sandbox.url, t.access_token, `search/jql?jql=${jql}&maxResults=100&fields=summary`);
    expect(first.json.issues).toHaveLength(100);
    expect(first.json.total).toBeUndefined();
    expect(first.json.issues[0].key).toBe('PLAT-1');
    const second = await jira(sandbox.url, t.access_token, `search/jql?jql=${jql}&maxResults=100&nextPageToken=${first.json.nextPageToken}`);
    expect(second.json).toMatchObject({ isLast: true });
    expect(second.json.issues).toHaveLength(60);
    expect(second.json.nextPageToken).toBeUndefined();
  });

  it('supports the JQL subset and agrees with approximate-count', async () => {
    const jql = 'project in (PLAT, HELP) AND statusCategory != Done AND priority in (High, Highest) ORDER BY created DESC';
    const all = await jira(sandbox.url, t.access_token, 'search/jql', { method: 'POST', body: { jql, maxResults: 5000 } });
    const count = await jira(sandbox.url, t.access_token, 'search/approximate-count', { method: 'POST', body: { jql } });
    if (!all.json.issues) throw new Error(all.text);
    expect(count.json.count).toBe(all.json.issues.length);
    expect(count.json.count).toBeGreaterThan(0);
    const statusOnly = await jira(sandbox.url, t.access_token, 'search/jql', { method: 'POST', body: { jql: 'project = PLAT AND status = "In Review"', fields: ['status'], maxResults: 100 } });
    expect(statusOnly.json.issues.every((i: { fields: { status: { name: string } } }) => i.fields.status.name === 'In Review')).toBe(true);
  });

  it('rejects unbounded and invalid JQL, and never returns hidden issues', async () => {
    expect((await jira(sandbox.url, t.access_token, `search/jql?jql=${encodeURIComponent('order by key')}`)).status).toBe(400);
    const sec = await jira(sandbox.url, t.access_token, 'search/approximate-count', { method: 'POST', body: { jql: 'project = SEC' } });
    expect(sec.json.errorMessages[0]).toContain("The value 'SEC' does not exist for the field 'project'.");
    const any = await jira(sandbox.url, t.access_token, 'search/approximate-count', { method: 'POST', body: { jql: 'statusCategory in ("To Do", "In Progress", Done)' } });
    expect(any.text).toBe('{"count":410}');
  });

  it('accepts project is not EMPTY (every issue has a project) as a bound', async () => {
    const all = await jira(sandbox.url, t.access_token, 'search/approximate-count', { method: 'POST', body: { jql: 'project is not EMPTY' } });
    expect(all.text).toBe('{"count":410}');
    const none = await jira(sandbox.url, t.access_token, 'search/approximate-count', { method: 'POST', body: { jql: 'project is EMPTY' } });
    expect(none.text).toBe('{"count":0}');
  });
});

describe('webhooks', () => {
  it('registers, lists, refreshes and deletes with a 30-day expiry', async () => {
    await control(sandbox.url, 'knobs', { accessTokenLifetimeSecs: 3600 * 24 * 40 });
    t = await connect(sandbox.url);
    const reg = await jira(sandbox.url, t.access_token, 'webhook', { method: 'POST', body: { url: 'https://portico.example/hook', webhooks: [{ events: ['jira:issue_updated'], jqlFilter: 'project = PLAT' }] } });
    const id = reg.json.webhookRegistrationResult[0].createdWebhookId as number;
    const list = await jira(sandbox.url, t.access_token, 'webhook');
    expect(list.json.values[0]).toMatchObject({ id, jqlFilter: 'project = PLAT' });
    await control(sandbox.url, 'knobs', { advanceClockSecs: 29 * 86400 });
    const refreshed = await jira(sandbox.url, t.access_token, 'webhook/refresh', { method: 'PUT', body: { webhookIds: [id] } });
    expect(refreshed.json.expirationDate).toBeGreaterThan(Date.now() + 29 * 86400_000);
    expect((await jira(sandbox.url, t.access_token, 'webhook', { method: 'DELETE', body: { webhookIds: [id] } })).status).toBe(202);
    expect((await jira(sandbox.url, t.access_token, 'webhook')).json.total).toBe(0);
  });

  it('lets unrefreshed webhooks expire after 30 days', async () => {
    await jira(sandbox.url, t.access_token, 'webhook', { method: 'POST', body: { url: 'https://portico.example/hook', webhooks: [{ events: ['jira:issue_created'], jqlFilter: 'project = PLAT' }] } });
    await control(sandbox.url, 'knobs', { accessTokenLifetimeSecs: 3600 * 24 * 40 });
    const long = await connect(sandbox.url);
    await control(sandbox.url, 'knobs', { advanceClockSecs: 31 * 86400 });
    expect((await jira(sandbox.url, long.access_token, 'webhook')).json.total).toBe(0);
  });
});

describe('faults, rate limits and counters', () => {
  it('injects a fault for the next N calls of a route', async () => {
    await control(sandbox.url, 'faults', { route: 'project/search', count: 2, status: 503, body: { errorMessages: ['down'] }, headers: { 'retry-after': '3' } });
    const a = await jira(sandbox.url, t.access_token, 'project/search');
    expect(a.status).toBe(503);
    expect(a.headers.get('retry-after')).toBe('3');
    expect((await jira(sandbox.url, t.access_token, 'project/search')).status).toBe(503);
    expect((await jira(sandbox.url, t.access_token, 'project/search')).status).toBe(200);
    await control(sandbox.url, 'faults', { route: 'token', count: 1, status: 500 });
    const res = await fetch(`${sandbox.url}/oauth/token`, { method: 'POST', body: '{}' });
    expect(res.status).toBe(500);
  });

  it('rate-limits with Atlassian headers', async () => {
    await control(sandbox.url, 'scenario', { name: 'rate-limited' });
    const statuses: number[] = [];
    let limited: Awaited<ReturnType<typeof jira>> | undefined;
    for (let i = 0; i < 7; i++) {
      const r = await jira(sandbox.url, t.access_token, 'priority');
      statuses.push(r.status);
      if (r.status === 429) limited = r;
    }
    expect(statuses).toEqual([200, 200, 200, 200, 200, 429, 429]);
    for (const h of ['retry-after', 'x-ratelimit-limit', 'x-ratelimit-remaining', 'x-ratelimit-reset', 'ratelimit-reason']) expect(limited?.headers.get(h)).toBeTruthy();
    await control(sandbox.url, 'knobs', { advanceClockSecs: 11 });
    expect((await jira(sandbox.url, t.access_token, 'priority')).status).toBe(200);
    const counters = (await control(sandbox.url, 'counters')) as { rateLimited: number; requests: Record<string, number> };
    expect(counters.rateLimited).toBe(2);
    expect(counters.requests.priority).toBe(8);
  });

  it('lists issued tokens only on the control API', async () => {
    const tokens = (await control(sandbox.url, 'tokens')) as { accessTokens: Array<{ token: string }>; refreshTokens: Array<{ token: string }> };
    expect(tokens.accessTokens.map((x) => x.token)).toContain(t.access_token);
    expect(tokens.refreshTokens.map((x) => x.token)).toContain(t.refresh_token);
    expect((await fetch(`${sandbox.url}/oauth/tokens`)).status).toBe(404);
  });
});
