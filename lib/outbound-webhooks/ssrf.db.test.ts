import { lookup as systemLookup } from 'node:dns';
import type { LookupFunction } from 'node:net';
import { eq } from 'drizzle-orm';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { recordActivity } from '@/db/queries/connection-activity';
import { webhookDeliveries, webhookEndpoints } from '@/db/schema';
import { createOrgMembers, setupJiraHarness } from '@/tests/jira-harness';
import { startWebhookReceiver } from '@/tests/webhook-receiver';
import { attemptDelivery } from './deliver-webhook';
import { destinationProblem } from './destination';
import { dispatchPendingEvents } from './dispatch-events';
import { createEndpoint } from './manage-endpoints';
import { sendWebhook } from './send-webhook';

// The default mode: no private destinations (what production runs).
process.env.PORTICO_WEBHOOKS_ALLOW_PRIVATE = '0';

const harness = setupJiraHarness();
let canary: Awaited<ReturnType<typeof startWebhookReceiver>>;
beforeAll(async () => {
  canary = await startWebhookReceiver(() => 200);
});
afterAll(() => canary.close());

/** Stubbed DNS: public-looking names that resolve to private addresses (as a hostile DNS answer would). */
const DNS: Record<string, [string, 4 | 6]> = {
  'evil.example.com': ['127.0.0.1', 4],
  'rebind.example.com': ['10.0.0.5', 4],
  'six.example.com': ['::1', 6],
  'mapped.example.com': ['::ffff:127.0.0.1', 6],
  'metadata.example.com': ['169.254.169.254', 4],
  'nat.example.com': ['100.64.0.1', 4],
  // Resolvers differ on *.localhost (RFC 6761 says loopback); pinned so the test does not depend on the machine's.
  'api.localhost': ['127.0.0.1', 4],
  'localhost.': ['127.0.0.1', 4],
};
const lookup = ((hostname: string, options: { all?: boolean }, callback: (...args: unknown[]) => void) => {
  const entry = DNS[hostname];
  // Other names (localhost) go to the system resolver, as in production.
  if (!entry) return (systemLookup as (...args: unknown[]) => void)(hostname, options, callback);
  if (options?.all) return callback(null, [{ address: entry[0], family: entry[1] }]);
  return callback(null, entry[0], entry[1]);
}) as unknown as LookupFunction;

function hostileUrls(port: number): string[] {
  return [
    `http://127.0.0.1:${port}/`,
    `http://127.1:${port}/`,
    `http://2130706433:${port}/`,
    `http://0x7f000001:${port}/`,
    `http://0x7f.0x0.0x0.0x1:${port}/`,
    `http://0177.0.0.1:${port}/`,
    `http://017700000001:${port}/`,
    `http://0:${port}/`,
    `http://0.0.0.0:${port}/`,
    `http://[::1]:${port}/`,
    `http://[::]:${port}/`,
    `http://[::ffff:127.0.0.1]:${port}/`,
    `http://[::ffff:7f00:1]:${port}/`,
    `http://[0:0:0:0:0:ffff:127.0.0.1]:${port}/`,
    `http://localhost:${port}/`,
    `http://LOCALHOST:${port}/`,
    `http://localhost.:${port}/`,
    `http://api.localhost:${port}/`,
    'http://10.0.0.1/',
    'http://172.16.0.1/',
    'http://192.168.1.1/',
    'http://169.254.169.254/latest/meta-data/',
    'http://[fe80::1]/',
    'http://[fc00::1]/',
    'http://[fd12:3456::1]/',
    'http://100.64.0.1/',
    'http://198.18.0.1/',
    'http://224.0.0.1/',
    'http://255.255.255.255/',
    'http://[::ffff:10.0.0.1]/',
    'http://[::ffff:169.254.169.254]/',
    `http://evil.example.com:${port}/`,
    'http://rebind.example.com/',
    `http://six.example.com:${port}/`,
    `http://mapped.example.com:${port}/`,
    'http://metadata.example.com/',
    'http://nat.example.com/',
  ];
}

describe('SSRF: no delivery to private, loopback or link-local destinations in the default mode', () => {
  it('refuses every hostile URL at connect time (request-filtering-agent), whatever the spelling or DNS answer', async () => {
    const urls = hostileUrls(canary.port);
    expect(urls.length).toBeGreaterThanOrEqual(30);
    const results = await Promise.all(urls.map(async (url) => [url, await sendWebhook(url, '{}', {}, { allowPrivate: false, lookup, timeoutMs: 5000 })] as const));
    for (const [url, result] of results) expect({ url, outcome: result.outcome, error: result.error }).toEqual({ url, outcome: 'blocked', error: 'private_address' });
    expect(canary.received).toHaveLength(0);
  });

  it('refuses the literal ones when the endpoint is saved, before any request', () => {
    const literal = hostileUrls(canary.port).filter((url) => !url.includes('example.com'));
    for (const url of literal) expect({ url, problem: destinationProblem(url, { allowPrivate: false })?.code }).toEqual({ url, problem: 'private_address' });
    expect(destinationProblem('https://hooks.example.com/portico', { allowPrivate: false })).toBeNull();
    expect(destinationProblem('ftp://hooks.example.com/', { allowPrivate: false })?.code).toBe('unsupported_scheme');
    expect(destinationProblem('https://user:pw@hooks.example.com/', { allowPrivate: false })?.code).toBe('credentials_in_url');
  });

  it('the API refuses to create an endpoint on a private address; a stored one is refused at delivery and not retried', async () => {
    const [admin] = await createOrgMembers(harness.db(), 'SSRF org', ['admin']);
    const refused = await createEndpoint(admin!.orgId, { url: canary.url, event_types: ['connection.created'], description: '' }, { userId: admin!.userId, apiKeyId: null });
    expect(refused).toMatchObject({ ok: false, problem: { code: 'private_address' } });

    const created = await createEndpoint(admin!.orgId, { url: 'https://hooks.example.com/x', event_types: ['connection.created'], description: '' }, { userId: admin!.userId, apiKeyId: null });
    if (!created.ok) throw new Error('a public URL must be accepted');
    // As if DNS changed after the check, or the row was edited: the connect-time check still holds.
    await harness.db().update(webhookEndpoints).set({ url: `http://localhost:${canary.port}/` }).where(eq(webhookEndpoints.id, created.endpoint.id));
    await harness.db().transaction((tx) => recordActivity(tx, { organizationId: admin!.orgId, connectionId: null, action: 'created_by_api', detail: {} }));
    await dispatchPendingEvents();
    const [delivery] = await harness.db().select().from(webhookDeliveries).where(eq(webhookDeliveries.endpointId, created.endpoint.id));
    expect(await attemptDelivery({ organizationId: admin!.orgId, deliveryId: delivery!.id, attempt: 1 })).toBe('failed');
    expect((await harness.db().select().from(webhookDeliveries).where(eq(webhookDeliveries.id, delivery!.id)))[0]).toMatchObject({ status: 'failed', lastError: 'private_address' });
    expect(canary.received).toHaveLength(0);
  });

  it('redirects are never followed, so a redirect to a private address reaches nothing (shown with private addresses allowed)', async () => {
    const target = await startWebhookReceiver(() => 200);
    const redirecting = await startWebhookReceiver(() => ({ redirect: `${target.url}/internal` }));
    const result = await sendWebhook(redirecting.url, '{}', {}, { allowPrivate: true });
    expect(result).toMatchObject({ outcome: 'http_error', statusCode: 302, error: 'redirect_not_followed' });
    expect(redirecting.received).toHaveLength(1);
    expect(target.received).toHaveLength(0);
    await Promise.all([target.close(), redirecting.close()]);
  });
});
