import { and, eq, sql } from 'drizzle-orm';
import fc from 'fast-check';
import { beforeAll, describe, expect, it } from 'vitest';
import { jiraConnections, jiraGrants, jiraOauthApps, jiraTickets, jiraWebhookDeliveries, jiraWebhookRegistrations, jiraWebhookStates } from '@/db/schema';
import { connectNewSite, MAIN_CLOUD_ID, PORTICO_BASE_URL, SANDBOX_APP, setupJiraHarness } from '@/tests/jira-harness';
import { setupJobEngine } from '@/tests/job-engine';
import { buildDelivery, issueJson, unsignedToken, type DeliverySpec, type SigningApp } from '@/tests/jira-webhook-delivery';
import { sealClientSecret } from '../oauth/app-registry';
import { setSyncPaused } from '../sync/sync-controls';
import { updateJiraConfig } from '@/db/queries/jira-config';
import { pruneExpiredRows } from '@/lib/jobs/maintenance/prune-expired-rows';
import { applyDelivery } from './apply-delivery';
import { webhookDeliveryJob } from './delivery-job';

const harness = setupJiraHarness();
const engine = setupJobEngine(harness);
const { POST } = await import('@/app/api/webhooks/jira/route');

const PLATFORM: SigningApp = { clientId: SANDBOX_APP.clientId, clientSecret: SANDBOX_APP.clientSecret };
const SITE = 'https://acme-sandbox.atlassian.net';
const HOOK_A = 10001;
const HOOK_B = 10002;
const HOOK_C = 10003;
let a: { orgId: string; connectionId: string };
let b: { orgId: string; connectionId: string };
let c: { orgId: string; connectionId: string };
const BYO: SigningApp = { clientId: 'byo-client-c', clientSecret: 'byo-secret-of-organization-c-0123456789' };

let address = 0;
/** Each call from its own address unless told, so the refusal limit stays out of the way. */
async function post(spec: DeliverySpec, extra: Record<string, string> = {}) {
  const { headers, body } = await buildDelivery(spec);
  address += 1;
  const request = new Request(`${PORTICO_BASE_URL}/api/webhooks/jira`, {
    method: 'POST',
    headers: { 'x-forwarded-for': `10.9.${Math.floor(address / 250) % 250}.${address % 250}`, ...headers, ...extra },
    body,
  });
  return POST(request, undefined);
}

const issue = (id: string, key: string, updated: Date, more: Partial<Parameters<typeof issueJson>[1]> = {}) => issueJson(SITE, { id, key, updated, ...more });

async function register(orgId: string, connectionId: string, jiraWebhookId: number) {
  await harness.db().insert(jiraWebhookRegistrations).values({
    organizationId: orgId,
    connectionId,
    cloudId: MAIN_CLOUD_ID,
    jiraWebhookId,
    events: ['jira:issue_created', 'jira:issue_updated', 'jira:issue_deleted'],
    jqlFilter: 'project in (PLAT)',
    expiresAt: new Date(Date.now() + 30 * 86_400_000),
  });
}

/** Everything a delivery could change: its rows, the tickets, the queued jobs, the webhook states. */
async function snapshot() {
  const db = harness.db();
  const [deliveries, tickets, states, jobs] = await Promise.all([
    db.select().from(jiraWebhookDeliveries).orderBy(jiraWebhookDeliveries.id),
    db.select().from(jiraTickets).orderBy(jiraTickets.id),
    db.select().from(jiraWebhookStates).orderBy(jiraWebhookStates.connectionId),
    db.execute(sql`select count(*)::int as n from pgboss.job where name = ${webhookDeliveryJob.name}`),
  ]);
  return { deliveries, tickets, states, jobs: (jobs[0] as { n: number }).n };
}

const deliveriesOf = (connectionId: string) =>
  harness.db().select().from(jiraWebhookDeliveries).where(eq(jiraWebhookDeliveries.connectionId, connectionId)).orderBy(jiraWebhookDeliveries.receivedAt);
const ticket = async (connectionId: string, externalId: string) =>
  (await harness.db().select().from(jiraTickets).where(and(eq(jiraTickets.connectionId, connectionId), eq(jiraTickets.externalId, externalId))))[0];

/** Applies every delivery of the connection not yet processed, as the job would. */
async function applyAll(connectionId: string, orgId: string) {
  const outcomes = [];
  for (const row of await deliveriesOf(connectionId)) if (!row.processedAt) outcomes.push(await applyDelivery(orgId, connectionId, row.id));
  return outcomes;
}

beforeAll(async () => {
  a = await connectNewSite(harness, 'Webhooks A');
  b = await connectNewSite(harness, 'Webhooks B');
  c = await connectNewSite(harness, 'Webhooks C');
  await register(a.orgId, a.connectionId, HOOK_A);
  await register(b.orgId, b.connectionId, HOOK_B);
  await register(c.orgId, c.connectionId, HOOK_C);
  // Organization C brought its own OAuth app: its grant (and so its webhooks) belong to that app.
  const db = harness.db();
  await db.insert(jiraOauthApps).values({ organizationId: c.orgId, clientId: BYO.clientId, clientSecretCiphertext: sealClientSecret(c.orgId, BYO.clientSecret) });
  const [conn] = await db.select({ grantId: jiraConnections.grantId }).from(jiraConnections).where(eq(jiraConnections.id, c.connectionId));
  await db.update(jiraGrants).set({ clientId: BYO.clientId }).where(eq(jiraGrants.id, conn!.grantId!));
  const [site] = await db.select({ siteUrl: jiraConnections.siteUrl }).from(jiraConnections).where(eq(jiraConnections.id, a.connectionId));
  expect(site?.siteUrl).toBe(SITE);
});

describe('POST /api/webhooks/jira refuses what is not signed by the registering app', () => {
  it('changes nothing for a missing, unsigned, wrong-key, expired, exp-less or wrong-algorithm signature', async () => {
    const before = await snapshot();
    const base = { event: 'jira:issue_created', issue: issue('91001', 'PLAT-9001', new Date()), matchedWebhookIds: [HOOK_A] } as const;
    const now = Math.floor(Date.now() / 1000);
    const cases: Array<[string, DeliverySpec]> = [
      ['missing', { ...base, app: PLATFORM, authorization: null }],
      ['not bearer', { ...base, app: PLATFORM, authorization: `Basic ${Buffer.from('a:b').toString('base64')}` }],
      ['alg none', { ...base, app: PLATFORM, authorization: `Bearer ${unsignedToken(PLATFORM.clientId)}` }],
      ['wrong key', { ...base, app: { clientId: PLATFORM.clientId, clientSecret: 'not-the-secret' } }],
      ['another organization’s app', { ...base, app: BYO }],
      ['expired', { ...base, app: PLATFORM, token: { iat: now - 600, ttlSecs: 180 } }],
      ['no exp', { ...base, app: PLATFORM, token: { ttlSecs: null } }],
      ['HS512', { ...base, app: PLATFORM, token: { alg: 'HS512' } }],
      ['garbage token', { ...base, app: PLATFORM, authorization: 'Bearer a.b.c' }],
    ];
    for (const [name, spec] of cases) expect((await post(spec)).status, name).toBe(401);
    expect(await snapshot()).toEqual(before);
  });

  it('gives 1,000 generated hostile deliveries no 5xx and no change', async () => {
    const before = await snapshot();
    const statuses = new Map<number, number>();
    const json = fc.jsonValue({ maxDepth: 4 });
    const plausibleIssue = fc.record({
      id: fc.oneof(fc.stringMatching(/^\d{1,20}$/), fc.string(), fc.integer()),
      key: fc.oneof(fc.string(), fc.constant('PLAT-1')),
      self: fc.oneof(fc.webUrl(), fc.constant(`${SITE}/rest/api/3/issue/1`), fc.string()),
      fields: fc.oneof(fc.dictionary(fc.string(), json), json),
    });
    // Well-formed deliveries for real webhook ids, so routing and verification run, not just the parser.
    const wellFormed = fc.record({
      timestamp: fc.nat(),
      webhookEvent: fc.constantFrom('jira:issue_created', 'jira:issue_updated', 'jira:issue_deleted'),
      issue: fc.record({ id: fc.stringMatching(/^\d{1,18}$/), key: fc.string({ minLength: 1 }), self: fc.constant(`${SITE}/rest/api/3/issue/1`), fields: fc.dictionary(fc.string(), json) }),
      matchedWebhookIds: fc.subarray([HOOK_A, HOOK_B, HOOK_C], { minLength: 1 }),
    });
    const body = fc.oneof(
      wellFormed.map((value) => JSON.stringify(value)),
      json.map((value) => JSON.stringify(value)),
      fc.string({ unit: 'binary', maxLength: 300 }),
      fc.record({
        timestamp: fc.oneof(fc.integer(), fc.double(), fc.string()),
        webhookEvent: fc.oneof(fc.constantFrom('jira:issue_created', 'jira:issue_updated', 'jira:issue_deleted'), fc.string()),
        issue: fc.oneof(plausibleIssue, json),
        matchedWebhookIds: fc.oneof(fc.constant([HOOK_A]), fc.constant([HOOK_A, HOOK_B, HOOK_C]), fc.array(fc.oneof(fc.integer(), fc.double(), fc.string()), { maxLength: 200 })),
      }).map((value) => JSON.stringify(value)),
    );
    const authorization = fc.oneof(
      fc.string().map((secret) => ({ secret })),
      fc.constant(undefined),
      fc.string(),
      fc.constant(`Bearer ${unsignedToken(PLATFORM.clientId)}`),
      fc.string().map((secret) => ({ secret })),
    );
    await fc.assert(
      fc.asyncProperty(body, authorization, fc.option(fc.string({ maxLength: 300 })), fc.option(fc.string()), async (raw, auth, identifier, contentType) => {
        const headers: Record<string, string> = { 'content-type': contentType ?? 'application/json' };
        if (identifier !== null) headers['x-atlassian-webhook-identifier'] = identifier;
        if (typeof auth === 'string') headers.authorization = auth;
        else if (auth) {
          const signed = await buildDelivery({ app: { clientId: PLATFORM.clientId, clientSecret: `${auth.secret}!` }, event: 'jira:issue_updated', issue: {}, matchedWebhookIds: [HOOK_A] });
          headers.authorization = signed.headers.authorization!;
        }
        address += 1;
        let response: Response;
        try {
          response = await POST(
            new Request(`${PORTICO_BASE_URL}/api/webhooks/jira`, { method: 'POST', headers: { ...sanitize(headers), 'x-forwarded-for': `10.8.${Math.floor(address / 250) % 250}.${address % 250}` }, body: raw }),
            undefined,
          );
        } catch {
          return; // The Request constructor refused the headers: never reaches Portico.
        }
        statuses.set(response.status, (statuses.get(response.status) ?? 0) + 1);
        expect(response.status).toBeLessThan(500);
        expect([400, 401, 413, 415]).toContain(response.status);
      }),
      { numRuns: 1000 },
    );
    expect(await snapshot()).toEqual(before);
    console.log('hostile deliveries by status', Object.fromEntries(statuses));
    // 1,000 requests take about 15 s on an idle machine; the timeout only catches a hang.
  }, 300_000);

  it('answers 429 to an address past the refusal limit, before reading anything', async () => {
    const spec: DeliverySpec = { app: PLATFORM, event: 'jira:issue_created', issue: issue('1', 'PLAT-1', new Date()), matchedWebhookIds: [HOOK_A], authorization: 'Bearer x.y.z' };
    const statuses: number[] = [];
    for (let i = 0; i < 305; i += 1) statuses.push((await post(spec, { 'x-forwarded-for': '10.7.7.7' })).status);
    expect(statuses.slice(0, 300).every((status) => status === 401)).toBe(true);
    expect(statuses.slice(300)).toEqual([429, 429, 429, 429, 429]);
  });
});

describe('routing', () => {
  it('stores a delivery only for the connections whose webhook ids it matched, on their site', async () => {
    const response = await post({ app: PLATFORM, event: 'jira:issue_created', issue: issue('92001', 'PLAT-9201', new Date()), matchedWebhookIds: [HOOK_B] });
    expect(response.status).toBe(202);
    expect((await deliveriesOf(b.connectionId)).map((row) => row.issueId)).toEqual(['92001']);
    expect(await deliveriesOf(a.connectionId)).toEqual([]);
    // Another site's host with the same ids: nobody's, and a valid signature gets 202 with nothing stored.
    const elsewhere = issueJson('https://other-site.atlassian.net', { id: '92002', key: 'PLAT-9202', updated: new Date() });
    const before = await snapshot();
    expect((await post({ app: PLATFORM, event: 'jira:issue_created', issue: elsewhere, matchedWebhookIds: [HOOK_A, HOOK_B] })).status).toBe(202);
    expect(await snapshot()).toEqual(before);
  });

  it('verifies a bring-your-own app’s deliveries with that app’s secret, and never routes them to another organization', async () => {
    const spec = { event: 'jira:issue_created', issue: issue('93001', 'PLAT-9301', new Date()) } as const;
    const before = await snapshot();
    expect((await post({ ...spec, app: PLATFORM, matchedWebhookIds: [HOOK_C] })).status).toBe(401);
    expect((await post({ ...spec, app: BYO, matchedWebhookIds: [HOOK_A] })).status).toBe(401);
    expect(await snapshot()).toEqual(before);
    expect((await post({ ...spec, app: BYO, matchedWebhookIds: [HOOK_A, HOOK_C] })).status).toBe(202);
    expect((await deliveriesOf(c.connectionId)).map((row) => row.issueId)).toEqual(['93001']);
    expect((await snapshot()).deliveries.length).toBe(before.deliveries.length + 1);
    const [state] = await harness.db().select().from(jiraWebhookStates).where(eq(jiraWebhookStates.connectionId, c.connectionId));
    expect(state?.lastDeliveryAt).toBeInstanceOf(Date);
  });
});

describe('applying deliveries', () => {
  it('applies a delivery sent twice (a retry, and two at once) once', async () => {
    const before = await snapshot();
    const spec: DeliverySpec = { app: PLATFORM, event: 'jira:issue_created', issue: issue('94001', 'PLAT-9401', new Date()), matchedWebhookIds: [HOOK_A], identifier: 'delivery-94001' };
    expect((await post(spec)).status).toBe(202);
    expect((await post({ ...spec, retry: 1 })).status).toBe(200);
    const both = await Promise.all([post({ ...spec, retry: 2 }), post({ ...spec, retry: 3 })]);
    expect(both.map((response) => response.status)).toEqual([200, 200]);
    const after = await snapshot();
    expect(after.deliveries.length).toBe(before.deliveries.length + 1);
    expect(after.jobs).toBe(before.jobs + 1);
    const [row] = (await deliveriesOf(a.connectionId)).filter((delivery) => delivery.deliveryIdentifier === 'delivery-94001');
    expect(await applyDelivery(a.orgId, a.connectionId, row!.id)).toBe('applied');
    expect(await applyDelivery(a.orgId, a.connectionId, row!.id)).toBe('already_processed');
    expect(await ticket(a.connectionId, '94001')).toMatchObject({ key: 'PLAT-9401', deletedAt: null, inScope: true });
  });

  it('applies created, updated and deleted, and an older payload never overwrites a newer ticket', async () => {
    const t0 = new Date(Date.now() - 60_000);
    const t1 = new Date(t0.getTime() + 10_000);
    const t2 = new Date(t0.getTime() + 20_000);
    const send = (event: DeliverySpec['event'], updated: Date, summary: string, timestamp = updated.getTime()) =>
      post({ app: PLATFORM, event, issue: issue('95001', 'PLAT-9501', updated, { summary, status: { id: '3', name: 'In Progress', category: 'indeterminate' } }), matchedWebhookIds: [HOOK_A], timestamp });

    await send('jira:issue_created', t0, 'Created');
    expect(await applyAll(a.connectionId, a.orgId)).toEqual(['applied']);
    expect(await ticket(a.connectionId, '95001')).toMatchObject({ title: 'Created', statusId: '3', jiraUpdatedAt: t0 });

    // Out of order: the newer update lands first, the older one after it.
    await send('jira:issue_updated', t2, 'Second edit');
    await send('jira:issue_updated', t1, 'First edit');
    expect(await applyAll(a.connectionId, a.orgId)).toEqual(['applied', 'ignored_stale']);
    expect(await ticket(a.connectionId, '95001')).toMatchObject({ title: 'Second edit', jiraUpdatedAt: t2 });

    const deletedAt = new Date(t2.getTime() + 5_000);
    await send('jira:issue_deleted', t2, 'Second edit', deletedAt.getTime());
    // An edit from before the deletion, delivered late, does not bring it back.
    await send('jira:issue_updated', new Date(t2.getTime() + 1_000), 'Late edit');
    expect(await applyAll(a.connectionId, a.orgId)).toEqual(['applied', 'ignored_stale']);
    expect(await ticket(a.connectionId, '95001')).toMatchObject({ title: 'Second edit' });
    expect((await ticket(a.connectionId, '95001'))?.deletedAt).toBeInstanceOf(Date);

    // The issue comes back (restored, or a mistaken deletion): a newer version makes it current again.
    await send('jira:issue_updated', new Date(deletedAt.getTime() + 1_000), 'Restored');
    expect(await applyAll(a.connectionId, a.orgId)).toEqual(['applied']);
    expect(await ticket(a.connectionId, '95001')).toMatchObject({ title: 'Restored', deletedAt: null, inScope: true });
  });

  it('does not make current an issue outside the project filter, and an issue moved out stops being current', async () => {
    const { orgId, connectionId } = await connectNewSite(harness, 'Webhooks filtered');
    await register(orgId, connectionId, 10010);
    await updateJiraConfig(orgId, connectionId, null, (config) => ({ ...config, projectFilter: ['PLAT'] }));
    const now = Date.now();
    await post({ app: PLATFORM, event: 'jira:issue_created', issue: issue('96001', 'MKT-1', new Date(now), { projectKey: 'MKT', projectId: '10003' }), matchedWebhookIds: [10010] });
    await post({ app: PLATFORM, event: 'jira:issue_created', issue: issue('96002', 'PLAT-9602', new Date(now)), matchedWebhookIds: [10010] });
    expect(await applyAll(connectionId, orgId)).toEqual(['ignored_out_of_filter', 'applied']);
    expect(await ticket(connectionId, '96001')).toBeUndefined();
    await post({ app: PLATFORM, event: 'jira:issue_updated', issue: issue('96002', 'MKT-2', new Date(now + 1000), { projectKey: 'MKT', projectId: '10003' }), matchedWebhookIds: [10010] });
    expect(await applyAll(connectionId, orgId)).toEqual(['ignored_out_of_filter']);
    expect(await ticket(connectionId, '96002')).toMatchObject({ key: 'PLAT-9602', inScope: false });
  });

  it('stores a paused connection’s deliveries without applying them, and applies them on resume (through the job)', async () => {
    const { orgId, connectionId } = await connectNewSite(harness, 'Webhooks paused');
    await register(orgId, connectionId, 10020);
    const actor = { userId: null, via: 'api' } as const;
    await setSyncPaused(orgId, connectionId, true, actor);
    await engine.start({ jobs: [webhookDeliveryJob], schedules: [] });
    expect((await post({ app: PLATFORM, event: 'jira:issue_created', issue: issue('97001', 'PLAT-9701', new Date()), matchedWebhookIds: [10020] })).status).toBe(202);
    await engine.drain();
    expect((await deliveriesOf(connectionId)).map((row) => [row.outcome, row.processedAt])).toEqual([['deferred_paused', null]]);
    expect(await ticket(connectionId, '97001')).toBeUndefined();
    await setSyncPaused(orgId, connectionId, false, actor);
    await engine.drain();
    expect((await deliveriesOf(connectionId)).map((row) => row.outcome)).toEqual(['applied']);
    expect((await deliveriesOf(connectionId))[0]?.payload).toBeNull();
    expect(await ticket(connectionId, '97001')).toMatchObject({ key: 'PLAT-9701' });
  });

  it('prunes deliveries older than 7 days', async () => {
    const old = new Date(Date.now() - 8 * 86_400_000);
    await harness.db().insert(jiraWebhookDeliveries).values({ organizationId: a.orgId, connectionId: a.connectionId, deliveryIdentifier: 'old-one', webhookEvent: 'jira:issue_updated', issueId: '1', receivedAt: old });
    const before = (await deliveriesOf(a.connectionId)).length;
    await pruneExpiredRows();
    const after = await deliveriesOf(a.connectionId);
    expect(after.length).toBe(before - 1);
    expect(after.some((row) => row.deliveryIdentifier === 'old-one')).toBe(false);
  });
});

/** Header values the Fetch API itself would refuse (CR, LF, NUL, non-Latin-1) are left out of the property. */
function sanitize(headers: Record<string, string>): Record<string, string> {
  return Object.fromEntries(Object.entries(headers).filter(([, value]) => /^[\t\x20-\x7e\x80-\xff]*$/.test(value)));
}
