// Webhook deliveries: registered webhooks receive signed, retried deliveries when issues change through the
// control API, with the documented payload and headers; faults drop, delay and duplicate them.
import { createServer, type IncomingHttpHeaders, type Server, type ServerResponse } from 'node:http';
import type { AddressInfo } from 'node:net';
import { jwtVerify } from 'jose';
import { afterAll, beforeAll, beforeEach, describe, expect, it } from 'vitest';
import { setupSandbox } from '../setup-sandbox.testing';
import { APP, connect, control, jira, type Tokens } from '../test-support';

const sandbox = setupSandbox();

interface Received {
  headers: IncomingHttpHeaders;
  // Payloads are asserted field by field.
  // eslint-disable-next-line @typescript-eslint/no-explicit-any
  body: any;
}

let receiver: Server;
let hookUrl = '';
let received: Received[] = [];
/** Statuses to answer with, in order; 202 once used up. `hold` keeps responses open until released. */
let answers: number[] = [];
let held: ServerResponse[] = [];
let hold = false;
let onReceived: (() => void) | undefined;
const nextReceived = () => new Promise<void>((resolve) => (onReceived = resolve));

beforeAll(async () => {
  receiver = createServer((req, res) => {
    const chunks: Buffer[] = [];
    req.on('data', (c: Buffer) => chunks.push(c));
    req.on('end', () => {
      received.push({ headers: req.headers, body: JSON.parse(Buffer.concat(chunks).toString('utf8')) });
      onReceived?.();
      res.statusCode = answers.shift() ?? 202;
      if (hold) held.push(res);
      else res.end();
    });
  });
  await new Promise<void>((resolve) => receiver.listen(0, '127.0.0.1', resolve));
  hookUrl = `http://127.0.0.1:${(receiver.address() as AddressInfo).port}/api/webhooks/jira`;
});
afterAll(() => new Promise<void>((resolve) => receiver.close(() => resolve())));

let t: Tokens;
beforeEach(async () => {
  received = [];
  answers = [];
  held = [];
  hold = false;
  t = await connect(sandbox.url);
});

const register = (jqlFilter: string, url = hookUrl, events = ['jira:issue_created', 'jira:issue_updated', 'jira:issue_deleted']) =>
  jira(sandbox.url, t.access_token, 'webhook', { method: 'POST', body: { url, webhooks: [{ events, jqlFilter }] } });
const patch = (key: string, body: unknown) => control(sandbox.url, `issues/${key}`, undefined, { method: 'PATCH', body });
const flush = () => control(sandbox.url, 'webhook-deliveries/flush', {}) as Promise<{ counters: Record<string, number>; pending: number }>;

describe('registration', () => {
  it('accepts only the webhook JQL subset, answering 200 with per-webhook errors as Jira does', async () => {
    const res = await jira(sandbox.url, t.access_token, 'webhook', {
      method: 'POST',
      body: {
        url: hookUrl,
        webhooks: ['project is not EMPTY', '', 'project = PLAT ORDER BY key', 'updated > -1d', 'project != null', 'project in (PLAT, MOB) AND status != Done'].map((jqlFilter) => ({ events: ['jira:issue_updated'], jqlFilter })),
      },
    });
    expect(res.status).toBe(200);
    const results = res.json.webhookRegistrationResult as Array<{ createdWebhookId?: number; errors?: string[] }>;
    expect(results.slice(0, 4).map((r) => r.errors)).toEqual([['Operator is not is unsupported'], ['Empty JQL search not supported'], ['The clause ORDER BY is unsupported'], ['The clause updated is unsupported']]);
    expect(results.slice(4).every((r) => typeof r.createdWebhookId === 'number')).toBe(true);
  });

  it('allows one URL per app on a site', async () => {
    expect((await register('project = PLAT')).status).toBe(200);
    expect((await register('project = MOB', 'https://elsewhere.example/hook')).status).toBe(400);
    expect((await register('project = MOB')).status).toBe(200);
  });

  it('needs manage:jira-webhook', async () => {
    const noWebhooks = await connect(sandbox.url, { scopes: ['read:jira-work', 'read:jira-user', 'offline_access'] });
    const res = await jira(sandbox.url, noWebhooks.access_token, 'webhook', { method: 'POST', body: { url: hookUrl, webhooks: [{ events: ['jira:issue_updated'], jqlFilter: 'project = PLAT' }] } });
    expect(res.status).toBe(401);
  });
});

describe('deliveries', () => {
  it('sends a signed delivery with the documented headers and body, after the control API has answered', async () => {
    const id = (await register('project = PLAT')).json.webhookRegistrationResult[0].createdWebhookId as number;
    hold = true;
    const arrived = nextReceived();
    await patch('PLAT-1', { summary: 'Webhooks arrive' });
    await patch('MOB-1', { summary: 'Outside the filter' });
    await arrived;
    // Both control calls have answered while the receiver still holds the delivery: they never wait for it.
    expect(held).toHaveLength(1);
    hold = false;
    for (const res of held) res.end();
    await flush();
    expect(received).toHaveLength(1);
    const { headers, body } = received[0]!;
    expect(headers['content-type']).toBe('application/json');
    expect(headers['x-atlassian-webhook-retry']).toBe('0');
    expect(headers['x-atlassian-webhook-identifier']).toMatch(/^[0-9a-f-]{36}$/);
    const token = /^Bearer (.+)$/.exec(headers.authorization ?? '')?.[1] ?? '';
    const { payload, protectedHeader } = await jwtVerify(token, new TextEncoder().encode(APP.clientSecret), { algorithms: ['HS256'], issuer: APP.clientId });
    expect(protectedHeader.alg).toBe('HS256');
    expect(payload.exp! - payload.iat!).toBe(180);
    await expect(jwtVerify(token, new TextEncoder().encode('another secret'), { algorithms: ['HS256'] })).rejects.toThrow();
    expect(body).toMatchObject({ webhookEvent: 'jira:issue_updated', issue_event_type_name: 'issue_updated', matchedWebhookIds: [id], timestamp: expect.any(Number), user: { accountId: expect.any(String) } });
    expect(body.issue).toMatchObject({ id: expect.any(String), key: 'PLAT-1', self: expect.stringMatching(/^https:\/\/acme-sandbox\.atlassian\.net\/rest\/api\/3\/issue\/\d+$/), fields: { summary: 'Webhooks arrive', status: { statusCategory: expect.any(Object) }, project: { key: 'PLAT' }, updated: expect.any(String) } });
    expect(body.changelog.items).toEqual([{ field: 'summary', fieldtype: 'jira', fieldId: 'summary', from: null, fromString: expect.any(String), to: null, toString: 'Webhooks arrive' }]);
  });

  it('sends created and deleted events, one delivery per app naming every matched webhook', async () => {
    const a = (await register('project = PLAT')).json.webhookRegistrationResult[0].createdWebhookId as number;
    const b = (await register('project != null', hookUrl, ['jira:issue_deleted'])).json.webhookRegistrationResult[0].createdWebhookId as number;
    const created = (await control(sandbox.url, 'issues', { projectKey: 'PLAT', summary: 'New' })) as { key: string };
    await control(sandbox.url, `issues/${created.key}`, undefined, { method: 'DELETE' });
    await flush();
    expect(received.map((r): unknown[] => [r.body.webhookEvent, r.body.issue.key, r.body.matchedWebhookIds])).toEqual([
      ['jira:issue_created', created.key, [a]],
      ['jira:issue_deleted', created.key, [a, b]],
    ]);
  });

  it('stops delivering when a webhook expires by the sandbox clock, and keeps delivering when refreshed', async () => {
    const id = (await register('project = PLAT')).json.webhookRegistrationResult[0].createdWebhookId as number;
    await control(sandbox.url, 'knobs', { advanceClockSecs: 29 * 86_400 });
    const fresh = await connect(sandbox.url);
    expect((await jira(sandbox.url, fresh.access_token, 'webhook/refresh', { method: 'PUT', body: { webhookIds: [id] } })).status).toBe(200);
    await control(sandbox.url, 'knobs', { advanceClockSecs: 29 * 86_400 });
    await patch('PLAT-1', { summary: 'Still delivered' });
    await control(sandbox.url, 'knobs', { advanceClockSecs: 2 * 86_400 });
    await patch('PLAT-2', { summary: 'Expired' });
    await flush();
    expect(received.map((r): unknown => r.body.issue.key)).toEqual(['PLAT-1']);
  });

  it('retries 5xx and 429 with the same identifier and a growing retry count, but not other 4xx', async () => {
    await register('project = PLAT');
    answers = [503, 429, 202];
    await patch('PLAT-1', { summary: 'Retried' });
    await flush();
    expect(received.map((r) => r.headers['x-atlassian-webhook-retry'])).toEqual(['0', '1', '2']);
    expect(new Set(received.map((r) => r.headers['x-atlassian-webhook-identifier'])).size).toBe(1);
    received = [];
    answers = [401];
    await patch('PLAT-2', { summary: 'Refused' });
    const after = await flush();
    expect(received).toHaveLength(1);
    expect(after.counters).toMatchObject({ created: 2, attempted: 4, delivered: 1, retried: 2, failed: 1 });
  });

  it('gives up after 5 retries', async () => {
    await register('project = PLAT');
    answers = Array.from({ length: 10 }, () => 500);
    await patch('PLAT-1', { summary: 'Never accepted' });
    const after = await flush();
    expect(received).toHaveLength(6);
    expect(after.counters).toMatchObject({ attempted: 6, retried: 5, failed: 1, delivered: 0 });
  });
});

describe('faults', () => {
  it('drops all, or an exact share, of deliveries', async () => {
    await register('project = PLAT');
    await control(sandbox.url, 'webhook-faults', { dropFraction: 1 });
    await patch('PLAT-1', { summary: 'Lost' });
    await control(sandbox.url, 'webhook-faults', { dropFraction: 0.5 });
    for (let n = 2; n <= 5; n++) await patch(`PLAT-${n}`, { summary: `Half ${n}` });
    const after = await flush();
    expect(received).toHaveLength(2);
    expect(after.counters).toMatchObject({ created: 5, dropped: 3, delivered: 2 });
  });

  it('duplicates deliveries with the same identifier', async () => {
    await register('project = PLAT');
    await control(sandbox.url, 'webhook-faults', { duplicate: true });
    await patch('PLAT-1', { summary: 'Twice' });
    const after = await flush();
    expect(received).toHaveLength(2);
    expect(received[0]!.headers['x-atlassian-webhook-identifier']).toBe(received[1]!.headers['x-atlassian-webhook-identifier']);
    expect(after.counters).toMatchObject({ created: 1, duplicated: 1, delivered: 2 });
  });

  it('delays deliveries (flush sends them at once); reset clears the faults', async () => {
    await register('project = PLAT');
    await control(sandbox.url, 'webhook-faults', { delayMs: 600_000 });
    await patch('PLAT-1', { summary: 'Later' });
    const state = (await control(sandbox.url, 'webhook-deliveries')) as { pending: number };
    expect(state.pending).toBe(1);
    expect(received).toHaveLength(0);
    await flush();
    expect(received).toHaveLength(1);
    await control(sandbox.url, 'reset', {});
    expect(await control(sandbox.url, 'webhook-faults')).toEqual({ dropFraction: 0, delayMs: 0, duplicate: false });
  });
});
