// Every Jira response the sandbox serves, in every scenario, validates against the OpenAPI document.
import { createServer } from 'node:http';
import type { AddressInfo } from 'node:net';
import { afterAll, describe, expect, it } from 'vitest';
import { createSandboxApp } from '../app';
import type { JiraTap } from '../routes/jira/gateway';
import { SCENARIO_NAMES, type ScenarioName } from '../scenarios';
import { connect, control, jira, PORTICO_SCOPES } from '../test-support';
import { createResponseValidator } from './openapi-validator';

const validate = createResponseValidator();

async function start(scenario: ScenarioName) {
  const seen: Array<Parameters<JiraTap>[0]> = [];
  const { handler } = createSandboxApp({ scenario, tap: (info) => seen.push(info) });
  const server = createServer(handler);
  await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
  const base = `http://127.0.0.1:${(server.address() as AddressInfo).port}`;
  return { base, seen, close: () => new Promise<void>((resolve) => server.close(() => resolve())) };
}

const GRANULAR = ['read:project:jira', 'read:status:jira', 'read:priority:jira', 'read:workflow:jira'];

async function battery(base: string) {
  const state = (await control(base, 'state')) as { sites: Array<{ cloudId: string }> };
  const [main, second] = state.sites;
  await control(base, 'knobs', { rateLimit: null });
  const app = ((await control(base, 'state')) as { apps: Array<{ clientId: string; scopes: string[] }> }).apps[0]!;
  const scopes = [...PORTICO_SCOPES, ...GRANULAR].filter((s) => app.scopes.includes(s));
  let t: Awaited<ReturnType<typeof connect>> | null = null;
  // The flaky scenario fails some token calls too; a client would retry.
  for (let attempt = 0; attempt < 20 && !t; attempt++)
    t = await connect(base, { cloudId: main!.cloudId, scopes }).catch(() => null);
  if (!t) throw new Error('could not connect');
  if (second) await control(base, 'consents', { clientId: 'portico-sandbox', cloudIds: [second.cloudId] });
  let calls = 0;
  for (const site of [main!, ...(second ? [second] : [])]) {
    const get = async (path: string) => {
      calls++;
      return jira(base, t.access_token, path, { cloudId: site.cloudId });
    };
    const send = async (method: string, path: string, body: unknown) => {
      calls++;
      return jira(base, t.access_token, path, { cloudId: site.cloudId, method, body });
    };
    const projects = await get('project/search?maxResults=100');
    const keys: string[] = projects.json?.values?.map((p: { key: string }) => p.key) ?? ['PLAT'];
    const [first = 'PLAT', secondKey = first] = keys;
    for (const path of [
      'myself',
      'project/search',
      'project/search?maxResults=2&startAt=2',
      `project/search?keys=${first}&keys=SEC&orderBy=-name`,
      'project/search?query=a&maxResults=500',
      `project/${first}`,
      `project/${secondKey}/statuses`,
      'project/SEC',
      'project/NOPE/statuses',
      'status',
      'status/3',
      'status/nothing-like-this',
      'statuscategory',
      'statuscategory/done',
      'statuses/search',
      'statuses/search?statusCategory=DONE&maxResults=3',
      'statuses/search?searchString=in&startAt=1',
      'statuses/search?statusCategory=WRONG',
      'priority',
      'priority/1',
      'priority/999',
      'priority/search',
      'priority/search?onlyDefault=true&maxResults=2',
      'mypermissions?permissions=BROWSE_PROJECTS,ADMINISTER_PROJECTS,ADMINISTER',
      `mypermissions?permissions=BROWSE_PROJECTS&projectKey=${first}`,
      'mypermissions?permissions=BROWSE_PROJECTS&projectKey=SEC',
      'mypermissions',
      `search/jql?jql=${encodeURIComponent(`project = ${first} ORDER BY created DESC`)}&fields=*navigable&maxResults=5`,
      `search/jql?jql=${encodeURIComponent(`project in (${first}, ${secondKey}) AND statusCategory != Done`)}`,
      `search/jql?jql=${encodeURIComponent('order by key')}`,
      `search/jql?jql=${encodeURIComponent('project = ')}`,
      'webhook',
    ]) {
      const res = await get(path);
      if (path.includes('fields=*navigable') && res.json?.nextPageToken)
        await get(`search/jql?jql=${encodeURIComponent(`project = ${first}`)}&nextPageToken=${res.json.nextPageToken}`);
    }
    await send('POST', 'search/jql', {
      jql: `project = ${first}`,
      fields: ['summary', 'status', 'assignee'],
      maxResults: 3,
    });
    await send('POST', 'search/jql', { jql: 'status = "No Such Status"' });
    await send('POST', 'search/approximate-count', { jql: `project = ${first}` });
    await send('POST', 'search/approximate-count', { jql: 'foo = bar' });
    const reg = await send('POST', 'webhook', {
      url: 'https://portico.example/webhooks/jira',
      webhooks: [
        { events: ['jira:issue_updated'], jqlFilter: `project = ${first}` },
        { events: ['jira:issue_created'], jqlFilter: 'watchCount = 1' },
      ],
    });
    const id = reg.json?.webhookRegistrationResult?.[0]?.createdWebhookId as number | undefined;
    await get('webhook');
    if (id) {
      await send('PUT', 'webhook/refresh', { webhookIds: [id] });
      await send('DELETE', 'webhook', { webhookIds: [id] });
    }
    await send('POST', 'webhook', { url: 'not a url' });
    calls += await issueLifecycle(base, site.cloudId, first, secondKey, get, send);
  }
  return calls;
}

type Call = (path: string) => ReturnType<typeof jira>;
type Send = (method: string, path: string, body: unknown) => ReturnType<typeof jira>;

/** Issue responses before and after each kind of change made through the control API. */
async function issueLifecycle(base: string, cloudId: string, first: string, secondKey: string, get: Call, send: Send): Promise<number> {
  const fields = 'summary,status,priority,issuetype,project,assignee,reporter,created,updated,duedate,labels,resolution,parent';
  const created = (await control(base, 'issues', { cloudId, projectKey: first, summary: 'Contract issue', labels: ['contract'], duedate: '2026-02-01' }).catch(() => null)) as { key: string; id: string } | null;
  if (!created) return 0;
  const check = async () => {
    await get(`issue/${created.key}`);
    await get(`issue/${created.id}?fields=summary,status,-status`);
    await get(`search/jql?jql=${encodeURIComponent(`key = ${created.key}`)}&fields=${fields}`);
    await send('POST', 'search/jql', { jql: `updated >= "2020/01/01 00:00" AND project = ${first} ORDER BY updated ASC`, fields: ['*all'], maxResults: 2 });
    await send('POST', 'search/approximate-count', { jql: `updated >= "2020-01-01" AND project = ${first}` });
  };
  await check();
  await control(base, 'issues/' + created.key, undefined, { method: 'PATCH', body: { cloudId, summary: 'Contract issue, edited', priority: 'High', assignee: null, labels: [] } });
  await check();
  if (secondKey !== first) {
    await control(base, `issues/${created.key}/move`, { cloudId, projectKey: secondKey });
    await check();
  }
  await control(base, `issues/${created.id}`, undefined, { method: 'DELETE', query: `cloudId=${cloudId}` });
  await get(`issue/${created.key}`);
  await get(`search/jql?jql=${encodeURIComponent('updated >= "2026/13/45"')}`);
  await get(`search/jql?jql=${encodeURIComponent(`project = ${first} ORDER BY id`)}&fields=*all&nextPageToken=bm9wZQ`);
  return 5 * 3 + 3;
}

const MIN_VALIDATED = 40;
// Successful responses checked against their operation's own schema. The revoked app never gets one; the
// rate-limited one gets its 5 per window before the 429s.
const MIN_SUCCESSES: Partial<Record<ScenarioName, number>> = { revoked: 0, 'rate-limited': 5 };

describe.each(SCENARIO_NAMES)('scenario %s', (scenario) => {
  let running: Awaited<ReturnType<typeof start>> | undefined;
  afterAll(() => running?.close());

  it(`serves only schema-valid Jira responses, at least ${MIN_VALIDATED} of them checked against a schema`, async () => {
    running = await start(scenario);
    const calls = await battery(running.base);
    const verdicts = running.seen.map((r) =>
      r.template
        ? validate(r.method, r.template, r.status, r.body, r.headers)
        : { kind: 'failed' as const, error: `${r.method} ${r.status}: no operation matched` },
    );
    expect(verdicts.flatMap((v) => (v.kind === 'failed' ? [v.error] : []))).toEqual([]);
    // A floor, so a scenario cannot pass by serving nothing checkable (as `revoked` once did).
    const validated = running.seen.filter((_, i) => verdicts[i]?.kind === 'validated');
    expect(validated.length).toBeGreaterThanOrEqual(MIN_VALIDATED);
    expect(validated.filter((r) => r.status < 300).length).toBeGreaterThanOrEqual(MIN_SUCCESSES[scenario] ?? 20);
    if (scenario === 'default') {
      // The issue lifecycle ran: GET issue answered before (200) and after (404) the delete, on both sites.
      const issueStatuses = running.seen.filter((r) => r.template === 'issue/{issueIdOrKey}').map((r) => r.status);
      expect(issueStatuses.filter((s) => s === 200).length).toBeGreaterThanOrEqual(12);
      expect(issueStatuses.filter((s) => s === 404).length).toBe(2);
      expect(calls).toBeGreaterThan(80);
      expect(running.seen.filter((r) => r.status === 200).length).toBeGreaterThan(50);
    }
  }, 60_000);
});
