// The webhook registration lifecycle against the sandbox: registered on connect, refreshed before the 30-day
// expiry over 100 simulated days, re-registered when the filter changes, deleted on disconnect, not attempted
// without manage:jira-webhook; and the sandbox's deliveries reach Portico's URL signed and with the documented body.
import { createServer, type IncomingHttpHeaders, type Server } from 'node:http';
import type { AddressInfo } from 'node:net';
import { eq } from 'drizzle-orm';
import { jwtVerify } from 'jose';
import { afterAll, beforeAll, beforeEach, describe, expect, it, vi } from 'vitest';
import { updateJiraConfig } from '@/db/queries/jira-config';
import { listWebhookRegistrations } from '@/db/queries/jira-webhooks';
import { jiraConnections, jiraWebhookRegistrations } from '@/db/schema';
import { connectNewSite, SANDBOX_APP, setupJiraHarness } from '@/tests/jira-harness';
import { setupJobEngine } from '@/tests/job-engine';
import { disconnectConnection } from '../connect/disconnect';
import { afterConfigurationSaved } from '../sync/sync-schedule';
import { ensureWebhooks } from './ensure-webhooks';
import { refreshExpiringWebhooks } from './refresh-expiring';
import { getWebhookOverview } from './webhook-overview';
import { enqueueWebhookMaintain, webhookMaintainJob, webhookRefreshDueJob } from './webhook-jobs';

const harness = setupJiraHarness();
const engine = setupJobEngine({ db: harness.db, url: () => process.env.DATABASE_URL! });
const DAY = 86_400_000;

interface Received {
  headers: IncomingHttpHeaders;
  // eslint-disable-next-line @typescript-eslint/no-explicit-any
  body: any;
}
let receiver: Server;
let received: Received[] = [];

// Portico's webhook URL is a local receiver standing in for its intake endpoint (202 to everything): the
// harness's base URL (http://portico.test) resolves nowhere, and the consent flow needs it as it is.
const receiverAddress = vi.hoisted(() => ({ url: '' }));
vi.mock('./webhook-url', () => ({ webhookUrl: () => receiverAddress.url }));

beforeAll(async () => {
  receiver = createServer((req, res) => {
    const chunks: Buffer[] = [];
    req.on('data', (c: Buffer) => chunks.push(c));
    req.on('end', () => {
      received.push({ headers: req.headers, body: JSON.parse(Buffer.concat(chunks).toString('utf8')) });
      res.statusCode = 202;
      res.end();
    });
  });
  await new Promise<void>((resolve) => receiver.listen(0, '127.0.0.1', resolve));
  receiverAddress.url = `http://127.0.0.1:${(receiver.address() as AddressInfo).port}/api/webhooks/jira`;
});
afterAll(() => new Promise<void>((resolve) => receiver.close(() => resolve())));
beforeEach(() => {
  received = [];
});

interface SandboxHook {
  id: number;
  clientId: string;
  url: string;
  jqlFilter: string;
  events: string[];
  expiresAt: number;
  live: boolean;
}
const sandboxHooks = async () => (await harness.control<SandboxHook[]>('webhooks')).filter((h) => h.clientId === SANDBOX_APP.clientId && h.live);
const webhookCalls = async () => {
  const { requests } = await harness.counters();
  return { registerOrDelete: requests.webhook ?? 0, refresh: requests['webhook/refresh'] ?? 0 };
};
const patchIssue = (key: string, body: unknown) =>
  fetch(`${harness.sandboxUrl()}/__sandbox/issues/${key}`, { method: 'PATCH', headers: { 'content-type': 'application/json' }, body: JSON.stringify(body) });
const flush = () => harness.control<{ counters: Record<string, number>; pending: number }>('webhook-deliveries/flush', {});

async function connectWithFilter(name: string, projectFilter: string[]) {
  const site = await connectNewSite(harness, name);
  await updateJiraConfig(site.orgId, site.connectionId, null, (config) => ({ ...config, projectFilter }));
  return site;
}

describe('webhook registration lifecycle', () => {
  it('registers through the maintain job, then keeps the same webhook alive over 100 simulated days', async () => {
    await harness.resetSandbox();
    await engine.start({ jobs: [webhookMaintainJob, webhookRefreshDueJob], schedules: [] });
    const { orgId, connectionId } = await connectWithFilter('Hooks 100 days', ['PLAT']);
    await enqueueWebhookMaintain({ organizationId: orgId, connectionId });
    await engine.drain();

    const [hook] = await sandboxHooks();
    expect(hook).toMatchObject({ url: receiverAddress.url, jqlFilter: 'project in ("PLAT")', events: ['jira:issue_created', 'jira:issue_updated', 'jira:issue_deleted'] });
    expect((await listWebhookRegistrations(orgId, connectionId)).map((r) => r.jiraWebhookId)).toEqual([hook!.id]);
    expect(await getWebhookOverview(orgId, connectionId)).toMatchObject({ status: 'registered', reason: null, expiresAt: expect.any(Date) });

    // Both clocks move a day at a time: the sandbox's (expiry) and the one Portico's pass is given.
    const start = Date.now();
    await harness.resetCounters();
    const refreshedOn: number[] = [];
    for (let day = 1; day <= 100; day++) {
      await harness.control('knobs', { advanceClockSecs: 86_400 });
      const outcomes = await refreshExpiringWebhooks(new Date(start + day * DAY));
      if (outcomes[connectionId] === 'refreshed') refreshedOn.push(day);
      expect((await sandboxHooks()).map((h) => h.id)).toEqual([hook!.id]);
    }
    // Refreshed as soon as under 7 days were left (registered just before `start`: on day 23, then every 24
    // days), never registered again. Each refresh is two requests: days later
    // the stored access token has expired at the sandbox, so the first answer is a 401, then a token refresh.
    expect(refreshedOn).toEqual([23, 47, 71, 95]);
    expect(await webhookCalls()).toEqual({ registerOrDelete: 0, refresh: 8 });
    const [row] = await listWebhookRegistrations(orgId, connectionId);
    expect(row!.lastRefreshedAt).toBeInstanceOf(Date);
    expect(row!.expiresAt.getTime()).toBeGreaterThan(start + 100 * DAY);
  }, 120_000);

  it('re-registers with the new JQL when the project filter changes, deleting the old webhook', async () => {
    await harness.resetSandbox();
    await engine.start({ jobs: [webhookMaintainJob], schedules: [] });
    const { orgId, connectionId } = await connectWithFilter('Hooks filter', ['PLAT']);
    expect(await ensureWebhooks(orgId, connectionId)).toBe('registered');
    const [old] = await sandboxHooks();
    // Nothing changed: no Jira call.
    await harness.resetCounters();
    expect(await ensureWebhooks(orgId, connectionId)).toBe('unchanged');
    expect(await webhookCalls()).toEqual({ registerOrDelete: 0, refresh: 0 });

    await updateJiraConfig(orgId, connectionId, null, (config) => ({ ...config, projectFilter: ['PLAT', 'MOB'] }));
    await afterConfigurationSaved(orgId, connectionId);
    await engine.drain();
    const hooks = await sandboxHooks();
    expect(hooks.map((h) => h.jqlFilter)).toEqual(['project in ("MOB", "PLAT")']);
    expect(hooks[0]!.id).not.toBe(old!.id);
    expect((await listWebhookRegistrations(orgId, connectionId)).map((r) => [r.jiraWebhookId, r.jqlFilter])).toEqual([[hooks[0]!.id, 'project in ("MOB", "PLAT")']]);

    // An empty filter means every project, in the JQL webhooks accept.
    await updateJiraConfig(orgId, connectionId, null, (config) => ({ ...config, projectFilter: [] }));
    expect(await ensureWebhooks(orgId, connectionId)).toBe('registered');
    expect((await sandboxHooks()).map((h) => h.jqlFilter)).toEqual(['project != null']);

    // Workers were down past the expiry: the overview says so, and the next pass registers a new webhook.
    await harness.db().update(jiraWebhookRegistrations).set({ expiresAt: new Date(Date.now() - 1000) }).where(eq(jiraWebhookRegistrations.connectionId, connectionId));
    expect(await getWebhookOverview(orgId, connectionId)).toMatchObject({ status: 'failed', reason: expect.stringMatching(/expired/) });
    const lapsed = (await listWebhookRegistrations(orgId, connectionId))[0]!.jiraWebhookId;
    expect(await ensureWebhooks(orgId, connectionId)).toBe('registered');
    const rows = await listWebhookRegistrations(orgId, connectionId);
    expect(rows).toHaveLength(1);
    expect(rows[0]!.jiraWebhookId).not.toBe(lapsed);
    expect((await getWebhookOverview(orgId, connectionId)).status).toBe('registered');
  }, 60_000);

  it('deletes the webhooks at Jira on disconnect, before the grant goes', async () => {
    await harness.resetSandbox();
    const { admin, orgId, connectionId } = await connectWithFilter('Hooks disconnect', ['MOB']);
    await ensureWebhooks(orgId, connectionId);
    expect(await sandboxHooks()).toHaveLength(1);
    expect(await disconnectConnection(admin, connectionId, false)).toBe(true);
    expect(await sandboxHooks()).toHaveLength(0);
    expect(await listWebhookRegistrations(orgId, connectionId)).toEqual([]);
    expect(await getWebhookOverview(orgId, connectionId)).toMatchObject({ status: 'not_registered', expiresAt: null });
    // Disconnected: nothing more to do.
    expect(await ensureWebhooks(orgId, connectionId)).toBe('not_connected');
  }, 60_000);

  it('without manage:jira-webhook: status missing_scope, polling only, and no registration call', async () => {
    await harness.resetSandbox();
    const { orgId, connectionId } = await connectWithFilter('Hooks no scope', ['PLAT']);
    const [connection] = await harness.db().select({ scopes: jiraConnections.grantedScopes }).from(jiraConnections).where(eq(jiraConnections.id, connectionId));
    await harness.db().update(jiraConnections).set({ grantedScopes: connection!.scopes.filter((s) => s !== 'manage:jira-webhook') }).where(eq(jiraConnections.id, connectionId));
    await harness.resetCounters();
    expect(await ensureWebhooks(orgId, connectionId)).toBe('missing_scope');
    expect(await webhookCalls()).toEqual({ registerOrDelete: 0, refresh: 0 });
    const overview = await getWebhookOverview(orgId, connectionId);
    expect(overview).toMatchObject({ status: 'missing_scope', expiresAt: null });
    expect(overview.reason).toMatch(/manage:jira-webhook.*polls/);
    // The hourly pass leaves it alone for an hour, then looks again (still no Jira call).
    expect((await refreshExpiringWebhooks(new Date()))[connectionId]).toBeUndefined();
    expect((await refreshExpiringWebhooks(new Date(Date.now() + 2 * 3_600_000)))[connectionId]).toBe('missing_scope');
    expect(await webhookCalls()).toEqual({ registerOrDelete: 0, refresh: 0 });
  }, 60_000);
});

describe('deliveries from the sandbox', () => {
  it('reach Portico’s URL signed with the app’s client secret, with the documented body, routed by id and site', async () => {
    await harness.resetSandbox();
    const { orgId, connectionId } = await connectWithFilter('Hooks delivery', ['PLAT']);
    await ensureWebhooks(orgId, connectionId);
    const [row] = await listWebhookRegistrations(orgId, connectionId);
    await patchIssue('PLAT-3', { summary: 'Sent by webhook' });
    await patchIssue('MOB-3', { summary: 'Outside the filter' });
    await flush();
    expect(received).toHaveLength(1);
    const { headers, body } = received[0]!;
    const token = /^Bearer (.+)$/.exec(headers.authorization ?? '')?.[1] ?? '';
    const { payload } = await jwtVerify(token, new TextEncoder().encode(SANDBOX_APP.clientSecret), { algorithms: ['HS256'], issuer: SANDBOX_APP.clientId, clockTolerance: 60 });
    expect(payload.exp! - payload.iat!).toBe(180);
    expect(headers['x-atlassian-webhook-retry']).toBe('0');
    expect(headers['x-atlassian-webhook-identifier']).toEqual(expect.any(String));
    expect(body).toMatchObject({ webhookEvent: 'jira:issue_updated', matchedWebhookIds: [row!.jiraWebhookId], issue: { key: 'PLAT-3', fields: { summary: 'Sent by webhook' } }, changelog: { items: [expect.objectContaining({ field: 'summary', toString: 'Sent by webhook' })] } });
    const [connection] = await harness.db().select({ siteUrl: jiraConnections.siteUrl }).from(jiraConnections).where(eq(jiraConnections.id, connectionId));
    expect(new URL(body.issue.self as string).host).toBe(new URL(connection!.siteUrl!).host);
  }, 60_000);

  it('are dropped, duplicated and delayed by the sandbox faults', async () => {
    await harness.resetSandbox();
    const { orgId, connectionId } = await connectWithFilter('Hooks faults', ['PLAT']);
    await ensureWebhooks(orgId, connectionId);
    await harness.control('webhook-faults', { dropFraction: 1 });
    await patchIssue('PLAT-4', { summary: 'Lost' });
    expect((await flush()).counters).toMatchObject({ created: 1, dropped: 1, attempted: 0 });
    expect(received).toHaveLength(0);

    await harness.control('webhook-faults', { duplicate: true });
    await patchIssue('PLAT-5', { summary: 'Twice' });
    await flush();
    expect(received.map((r) => r.headers['x-atlassian-webhook-identifier'])).toEqual([received[0]!.headers['x-atlassian-webhook-identifier'], received[0]!.headers['x-atlassian-webhook-identifier']]);

    received = [];
    await harness.control('webhook-faults', { delayMs: 600_000 });
    await patchIssue('PLAT-6', { summary: 'Later' });
    expect((await harness.control<{ pending: number }>('webhook-deliveries')).pending).toBe(1);
    expect(received).toHaveLength(0);
    await flush();
    expect(received.map((r) => r.body.issue.key as string)).toEqual(['PLAT-6']);
  }, 60_000);
});
