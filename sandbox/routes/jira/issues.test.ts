// Issues that change over time: search/jql fields and paging, JQL dates in the user's time zone, GET issue,
// approximate-count and the control API that changes issues.
import { beforeEach, describe, expect, it } from 'vitest';
import { formatJiraDateTime } from '../../jql/dates';
import { setupSandbox } from '../../setup-sandbox.testing';
import { connect, control, jira, type Tokens } from '../../test-support';
import { BIG_CLOUD_ID } from '../../world/big-site';
import { LABS_CLOUD_ID, MAIN_CLOUD_ID } from '../../world/default-sites';

const sandbox = setupSandbox();
let t: Tokens;
beforeEach(async () => {
  t = await connect(sandbox.url);
});

const FIELDS = ['summary', 'status', 'priority', 'issuetype', 'project', 'assignee', 'reporter', 'created', 'updated', 'duedate', 'labels', 'resolution', 'parent'];
const JIRA_DATE = /^\d{4}-\d{2}-\d{2}T\d{2}:\d{2}:\d{2}\.\d{3}[+-]\d{4}$/;
type View = { id: string; key: string; updated: string; projectKey: string; status: { id: string; name: string } };

const post = (body: unknown) => jira(sandbox.url, t.access_token, 'search/jql', { method: 'POST', body });
const ids = (res: Awaited<ReturnType<typeof post>>) => (res.json.issues as Array<{ id: string }>).map((i) => i.id);
const patch = (key: string, body: unknown) => control(sandbox.url, `issues/${key}`, undefined, { method: 'PATCH', body }) as Promise<View>;

async function allPages(jql: string, maxResults: number, between?: (page: number) => Promise<void>) {
  const seen: Array<{ id: string; key: string; fields: Record<string, unknown> }> = [];
  let token: string | undefined;
  let page = 0;
  do {
    const res = await post({ jql, maxResults, fields: ['summary', 'updated'], ...(token ? { nextPageToken: token } : {}) });
    expect(res.status).toBe(200);
    seen.push(...res.json.issues);
    token = res.json.nextPageToken;
    if (token) await between?.(page++);
  } while (token);
  return seen;
}

describe('search/jql fields', () => {
  it('returns every requested field with the recorded shapes, for GET and POST alike', async () => {
    const jql = 'project = PLAT AND parent is not EMPTY ORDER BY key ASC';
    const viaPost = await post({ jql: 'project = PLAT ORDER BY key ASC', fields: FIELDS, maxResults: 20 });
    const viaGet = await jira(sandbox.url, t.access_token, `search/jql?jql=${encodeURIComponent('project = PLAT ORDER BY key ASC')}&fields=${FIELDS.join(',')}&maxResults=20`);
    // Same issues either way; the tokens differ only in when they were issued.
    expect({ ...viaGet.json, nextPageToken: 1 }).toEqual({ ...viaPost.json, nextPageToken: 1 });
    const issue = viaPost.json.issues[0];
    expect(Object.keys(issue).sort()).toEqual(['expand', 'fields', 'id', 'key', 'self']);
    expect(issue.fields.status).toEqual({ self: expect.any(String), description: expect.any(String), iconUrl: expect.any(String), name: expect.any(String), id: expect.any(String), statusCategory: { self: expect.any(String), id: expect.any(Number), key: expect.stringMatching(/^(new|indeterminate|done)$/), colorName: expect.any(String), name: expect.any(String) } });
    expect(Object.keys(issue.fields.priority).sort()).toEqual(['iconUrl', 'id', 'name', 'self']);
    expect(Object.keys(issue.fields.project).sort()).toEqual(['avatarUrls', 'id', 'key', 'name', 'projectTypeKey', 'self', 'simplified']);
    expect(Object.keys(issue.fields.reporter).sort()).toEqual(['accountId', 'accountType', 'active', 'avatarUrls', 'displayName', 'emailAddress', 'self', 'timeZone']);
    expect(issue.fields.created).toMatch(JIRA_DATE);
    expect(issue.fields.updated).toMatch(JIRA_DATE);
    const all = viaPost.json.issues as Array<{ fields: Record<string, unknown> }>;
    for (const f of FIELDS.filter((x) => x !== 'parent')) expect(all.every((i) => f in i.fields)).toBe(true);
    expect(all.some((i) => i.fields.assignee === null) && all.some((i) => i.fields.assignee !== null)).toBe(true);
    expect(all.some((i) => typeof i.fields.duedate === 'string') && all.some((i) => i.fields.duedate === null)).toBe(true);
    expect(all.some((i) => (i.fields.resolution as { name?: string } | null)?.name === 'Done')).toBe(true);
    const child = (await post({ jql, fields: ['parent'], maxResults: 1 })).json.issues[0];
    expect(child.fields.parent).toMatchObject({ id: expect.any(String), key: expect.stringMatching(/^PLAT-\d+$/), fields: { summary: expect.any(String), status: { statusCategory: expect.any(Object) }, priority: expect.any(Object), issuetype: expect.any(Object) } });
  });

  it.each([
    [[], null],
    [['id'], null],
    [['summary', 'nonsense'], ['summary']],
    [['*all', '-labels'], 'all-but-labels'],
    [['-description'], 'navigable-but-description'],
    [['*navigable'], 'navigable'],
  ])('fields %j', async (fields, expected) => {
    const issue = (await post({ jql: 'project = PLAT', fields, maxResults: 1 })).json.issues[0];
    if (expected === null) return expect(Object.keys(issue)).toEqual(['id']);
    const keys = Object.keys(issue.fields);
    if (Array.isArray(expected)) return expect(keys).toEqual(expected);
    expect(keys).toEqual(expect.arrayContaining(FIELDS.filter((f) => f !== 'parent' && !(expected === 'all-but-labels' && f === 'labels'))));
    expect(keys.includes('labels')).toBe(expected !== 'all-but-labels');
    expect(keys.includes('description')).toBe(expected !== 'navigable-but-description');
  });

  it('renders timestamps in the site default time zone', async () => {
    await control(sandbox.url, 'site', { timeZone: 'Pacific/Pago_Pago' });
    const issue = (await post({ jql: 'project = PLAT', fields: ['created'], maxResults: 1 })).json.issues[0];
    expect(issue.fields.created).toMatch(/-1100$/);
  });
});

describe('nextPageToken paging while issues change', () => {
  it('gives the exact set with no duplicate when nothing changes', async () => {
    const count = (await jira(sandbox.url, t.access_token, 'search/approximate-count', { method: 'POST', body: { jql: 'project in (PLAT, MOB, HELP)' } })).json.count;
    for (const order of ['ORDER BY id ASC', 'ORDER BY key ASC', 'ORDER BY updated ASC', 'ORDER BY created DESC']) {
      const seen = await allPages(`project in (PLAT, MOB, HELP) ${order}`, 17);
      expect(new Set(seen.map((i) => i.id)).size).toBe(seen.length);
      expect(seen).toHaveLength(count);
    }
  });

  it('ORDER BY updated ASC delivers an issue updated mid-paging again, at its latest version, after the cursor', async () => {
    const jql = 'project = PLAT ORDER BY updated ASC';
    const first = (await post({ jql, maxResults: 5, fields: ['summary'] })).json.issues[0];
    const seen = await allPages(jql, 25, async (page) => {
      if (page === 1) await patch(first.key, { summary: 'Edited while paging' });
    });
    const copies = seen.filter((i) => i.id === first.id);
    expect(copies).toHaveLength(2);
    expect(copies[1]?.fields.summary).toBe('Edited while paging');
    expect(seen[seen.length - 1]?.id).toBe(first.id);
  });

  it('ORDER BY id survives deletes and creates between pages without a crash or a duplicate', async () => {
    const jql = 'project = PLAT ORDER BY id ASC';
    const before = await allPages(jql, 1000);
    let created: View | undefined;
    const seen = await allPages(jql, 30, async (page) => {
      if (page === 0) await control(sandbox.url, `issues/${before[100]?.key}`, undefined, { method: 'DELETE' });
      if (page === 2) created = (await control(sandbox.url, 'issues', { projectKey: 'PLAT', summary: 'Born during paging' })) as View;
      if (page === 3) await patch(before[10]!.key, { summary: 'Already delivered' });
    });
    expect(new Set(seen.map((i) => i.id)).size).toBe(seen.length);
    expect(seen.map((i) => i.id)).not.toContain(before[100]?.id);
    expect(seen[seen.length - 1]?.id).toBe(created?.id);
    // The edit to an issue behind the cursor is what an incremental `updated >=` poll picks up.
    const later = await post({ jql: `project = PLAT AND updated >= -5m`, fields: ['summary'] });
    expect(later.json.issues.map((i: { key: string }) => i.key)).toContain(before[10]!.key);
  });

  it('refuses a token from another query or an expired one', async () => {
    const page = await post({ jql: 'project = PLAT ORDER BY id', maxResults: 5 });
    expect((await post({ jql: 'project = MOB ORDER BY id', nextPageToken: page.json.nextPageToken })).json).toEqual({ errorMessages: ['The provided next page token is invalid or expired.'], errors: {} });
    await control(sandbox.url, 'knobs', { advanceClockSecs: 7 * 86_400 + 60 });
    t = await connect(sandbox.url);
    expect((await post({ jql: 'project = PLAT ORDER BY id', nextPageToken: page.json.nextPageToken })).status).toBe(400);
  });
});

describe('JQL dates in the user time zone', () => {
  // An issue updated at U; the literal is Berlin wall-clock time of U + 1 h. In Berlin that instant is after U,
  // so `updated >=` misses the issue; in Kiritimati (UTC+14) the same wall clock is 12 h before U, so it matches.
  it('the same JQL string selects different issues under two user time zones', async () => {
    const edited = await patch('PLAT-7', { summary: 'Time zone probe' });
    const wall = formatJiraDateTime(Date.parse(edited.updated) + 3_600_000, 'Europe/Berlin');
    const jql = `project = PLAT AND updated >= "${wall.slice(0, 10).replaceAll('-', '/')} ${wall.slice(11, 16)}" ORDER BY updated ASC`;
    const keys = async (): Promise<string[]> => ((await post({ jql, fields: ['summary'] })).json.issues as Array<{ key: string }>).map((i) => i.key);
    expect((await jira(sandbox.url, t.access_token, 'myself')).json.timeZone).toBe('Europe/Berlin');
    expect(await keys()).toEqual([]);
    await control(sandbox.url, 'user', { timeZone: 'Pacific/Kiritimati' });
    expect((await jira(sandbox.url, t.access_token, 'myself')).json.timeZone).toBe('Pacific/Kiritimati');
    expect(await keys()).toEqual(['PLAT-7']);
  });

  it('the far-time-zone scenario puts the user in Pacific/Kiritimati', async () => {
    await control(sandbox.url, 'scenario', { name: 'far-time-zone' });
    expect((await jira(sandbox.url, t.access_token, 'myself')).json.timeZone).toBe('Pacific/Kiritimati');
  });

  it.each([
    ['updated >= "2026/01/01 00:00"', 'updated >= "2026-01-01 00:00"'],
    ['updated >= "2026/01/01"', 'updated >= "2026-01-01 00:00"'],
    ['updated > "2026/01/01" AND updated < "2026/01/10"', 'updated >= "2026-01-01" AND updated <= "2026-01-10"'],
  ])('%s selects what %s selects', async (a, b) => {
    const run = async (q: string) => ids(await post({ jql: `project = PLAT AND ${q}`, maxResults: 5000 })).sort();
    const [x, y] = [await run(a), await run(b)];
    expect(x.length).toBeGreaterThan(0);
    expect(x).toEqual(y);
  });

  it('pages up to 5,000 issues when only id or key is asked for, 100 with any other field', async () => {
    const jql = 'project is not EMPTY ORDER BY id ASC';
    const idOnly = await post({ jql, maxResults: 6000 });
    expect(idOnly.json.issues.length).toBeGreaterThan(100);
    expect(idOnly.json.issues[0]).toEqual({ id: expect.any(String) });
    const keys = await post({ jql, fields: ['id', 'key'], maxResults: 6000 });
    expect(keys.json.issues.length).toBe(idOnly.json.issues.length);
    expect(keys.json.issues[0]).toMatchObject({ id: idOnly.json.issues[0].id, key: expect.any(String) });
    expect((await post({ jql, fields: ['key', 'summary'], maxResults: 6000 })).json.issues).toHaveLength(100);
  });

  it('orders by updated ascending and rejects bad dates and operators with Jira’s messages', async () => {
    const res = await post({ jql: 'project = PLAT AND updated <= "2026/01/15 10:00" ORDER BY updated ASC', fields: ['updated'], maxResults: 100 });
    const times = res.json.issues.map((i: { fields: { updated: string } }) => Date.parse(i.fields.updated.replace(/(\d{2})(\d{2})$/, '$1:$2')));
    expect(times).toEqual([...times].sort((a, b) => a - b));
    expect((await post({ jql: 'updated >= "2026/02/30"' })).json.errorMessages[0]).toMatch(/^Date value '2026\/02\/30' for field 'updated' is invalid/);
    expect((await post({ jql: 'project > PLAT' })).json.errorMessages).toEqual(["The operator '>' is not supported by the 'project' field."]);
  });
});

describe('issues through the control API', () => {
  it('creates, updates, moves and deletes, with GET issue, search and approximate-count agreeing', async () => {
    const count = async (jql: string) => (await jira(sandbox.url, t.access_token, 'search/approximate-count', { method: 'POST', body: { jql } })).json.count as number;
    const plat = await count('project = PLAT');
    const created = (await control(sandbox.url, 'issues', { projectKey: 'PLAT', summary: 'Brand new', labels: ['sync'], assignee: '712020:9a0b1c2d-3e4f-4a5b-8c6d-7e8f9a0b1c2d' })) as View;
    expect(created.key).toBe('PLAT-161');
    expect(await count('project = PLAT')).toBe(plat + 1);
    const updated = await patch(created.key, { status: 'Done', priority: 'Highest' });
    expect(Date.parse(updated.updated)).toBeGreaterThanOrEqual(Date.parse(created.updated));
    const got = await jira(sandbox.url, t.access_token, `issue/${created.key}`);
    expect(got.json.fields).toMatchObject({ summary: 'Brand new', labels: ['sync'], status: { name: 'Done', statusCategory: { key: 'done' } }, priority: { name: 'Highest' }, resolution: { name: 'Done' }, assignee: { displayName: 'Sam Okafor' } });
    const moved = (await control(sandbox.url, `issues/${created.key}/move`, { projectKey: 'MOB' })) as View;
    expect(moved).toMatchObject({ id: created.id, projectKey: 'MOB', key: 'MOB-71' });
    expect((await jira(sandbox.url, t.access_token, `issue/${created.key}`)).json.key).toBe('MOB-71');
    expect(await count('project = PLAT')).toBe(plat);
    expect(ids(await post({ jql: 'project = MOB AND labels = sync' }))).toEqual([created.id]);
    await control(sandbox.url, `issues/${moved.key}`, undefined, { method: 'DELETE' });
    expect(await jira(sandbox.url, t.access_token, `issue/${created.id}`)).toMatchObject({ status: 404, json: { errorMessages: ['Issue does not exist or you do not have permission to see it.'], errors: {} } });
    expect(await count('project = MOB AND labels = sync')).toBe(0);
  });

  it('refuses bad changes with a clear error and changes nothing', async () => {
    const bad = async (path: string, init: { method?: string; body?: unknown }) => {
      const res = await fetch(`${sandbox.url}/__sandbox/${path}`, { method: init.method ?? 'POST', headers: { 'content-type': 'application/json' }, body: JSON.stringify(init.body) });
      return { status: res.status, json: (await res.json()) as { error: string; message?: string } };
    };
    expect(await bad('issues/PLAT-1', { method: 'PATCH', body: { status: 'Waiting for customer' } })).toMatchObject({ status: 400, json: { error: 'invalid_change', message: expect.stringContaining('not in the PLAT workflow') } });
    expect(await bad('issues/PLAT-1', { method: 'PATCH', body: {} })).toMatchObject({ status: 400, json: { error: 'invalid_body' } });
    expect(await bad('issues/NOPE-1', { method: 'PATCH', body: { summary: 'x' } })).toMatchObject({ status: 404 });
    expect(await bad('issues', { body: { projectKey: 'ZZZ' } })).toMatchObject({ status: 404 });
    expect(await bad('user', { body: { timeZone: 'Mars/Olympus' } })).toMatchObject({ status: 400 });
    expect(await bad('issues/generate', { body: { count: 0 } })).toMatchObject({ status: 400 });
    const issue = (await control(sandbox.url, 'issues/PLAT-1')) as View;
    expect(issue.key).toBe('PLAT-1');
  });

  it('bulk-updates many issues in one call, all or nothing', async () => {
    const res = (await control(sandbox.url, 'issues/bulk-update', { projectKey: 'HELP', count: 30, patch: { labels: ['bulk'] } })) as { updated: number; keys: string[] };
    expect(res.updated).toBe(30);
    expect(ids(await post({ jql: 'labels = bulk', maxResults: 100 }))).toHaveLength(30);
    const refused = await fetch(`${sandbox.url}/__sandbox/issues/bulk-update`, { method: 'POST', headers: { 'content-type': 'application/json' }, body: JSON.stringify({ issues: ['HELP-1', 'PLAT-1'], patch: { status: 'Waiting for customer', labels: ['half'] } }) });
    expect(refused.status).toBe(400);
    expect(ids(await post({ jql: 'labels = half' }))).toEqual([]);
  });

  it('generates N issues and counts every Jira request per site and route', async () => {
    await connect(sandbox.url, { cloudId: LABS_CLOUD_ID });
    await control(sandbox.url, 'counters/reset', {});
    const gen = (await control(sandbox.url, 'issues/generate', { projectKey: 'MKT', count: 250 })) as { created: number; firstKey: string; lastKey: string };
    expect(gen).toMatchObject({ created: 250, firstKey: 'MKT-41', lastKey: 'MKT-290' });
    expect((await jira(sandbox.url, t.access_token, 'search/approximate-count', { method: 'POST', body: { jql: 'project = MKT' } })).json.count).toBe(290);
    await jira(sandbox.url, t.access_token, 'myself', { cloudId: LABS_CLOUD_ID });
    const counters = (await control(sandbox.url, 'counters')) as { requestsBySite: Record<string, Record<string, number>> };
    expect(counters.requestsBySite).toEqual({ [MAIN_CLOUD_ID]: { 'search/approximate-count': 1 }, [LABS_CLOUD_ID]: { myself: 1 } });
  });
});

describe('big-site', () => {
  it('holds over 100,000 browsable issues and an id-only walk returns each exactly once', async () => {
    await control(sandbox.url, 'scenario', { name: 'big-site' });
    const big = await connect(sandbox.url, { cloudId: BIG_CLOUD_ID });
    const call = (path: string, body: unknown) => jira(sandbox.url, big.access_token, path, { method: 'POST', body, cloudId: BIG_CLOUD_ID });
    const jql = 'updated >= "1970/01/01 00:00" ORDER BY id ASC';
    const count = (await call('search/approximate-count', { jql })).json.count as number;
    expect(count).toBe(100_697);
    const seen = new Set<string>();
    let token: string | undefined;
    let pages = 0;
    do {
      const page = await call('search/jql', { jql, maxResults: 5000, ...(token ? { nextPageToken: token } : {}) });
      for (const issue of page.json.issues as Array<{ id: string }>) seen.add(issue.id);
      token = page.json.nextPageToken;
      pages++;
    } while (token);
    expect(pages).toBe(21);
    expect(seen.size).toBe(count);
  }, 120_000);
});
