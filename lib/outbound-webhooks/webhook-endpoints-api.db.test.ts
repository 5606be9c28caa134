import { eq } from 'drizzle-orm';
import { beforeAll, describe, expect, it } from 'vitest';
import { webhookEndpoints } from '@/db/schema';
import { callApi } from '@/tests/api-client';
import { createOrgMembers, setupJiraHarness } from '@/tests/jira-harness';

process.env.PORTICO_WEBHOOKS_ALLOW_PRIVATE = '0';
const harness = setupJiraHarness();
const { createApiKey } = await import('@/lib/api/keys/manage-keys');

type Body = Record<string, unknown> & { error?: { code: string; field?: string; message: string } };
const bodyOf = (answer: { body: unknown }) => answer.body as Body;

describe('/api/v1/webhook-endpoints', () => {
  let key: string;
  let otherKey: string;
  let endpointId: string;

  beforeAll(async () => {
    const [admin] = await createOrgMembers(harness.db(), 'Hooks Acme', ['admin']);
    key = (await createApiKey(admin!.orgId, admin!.userId, 'Acme backend')).secret;
    const [other] = await createOrgMembers(harness.db(), 'Hooks Globex', ['admin']);
    otherKey = (await createApiKey(other!.orgId, other!.userId, 'Globex backend')).secret;
  });

  it('creates an endpoint and shows its secret once; the secret is sealed at rest', async () => {
    const created = await callApi('POST', '/webhook-endpoints', { key, body: { url: 'https://hooks.example.com/portico', event_types: ['connection.needs_reconnect', 'connection.needs_reconnect', 'mapping.saved'] } });
    expect(created.status).toBe(201);
    const { endpoint, secret } = bodyOf(created) as { endpoint: { id: string; event_types: string[]; enabled: boolean }; secret: string };
    expect(secret).toMatch(/^whsec_[A-Za-z0-9+/=]{32}$/);
    expect(endpoint).toMatchObject({ event_types: ['connection.needs_reconnect', 'mapping.saved'], enabled: true });
    expect(created.headers.get('location')).toBe(`/api/v1/webhook-endpoints/${endpoint.id}`);
    endpointId = endpoint.id;
    const [row] = await harness.db().select().from(webhookEndpoints).where(eq(webhookEndpoints.id, endpointId));
    expect(JSON.stringify(row)).not.toContain(secret.slice(6));
    const read = await callApi('GET', `/webhook-endpoints/${endpointId}`, { key });
    expect(JSON.stringify(read.body)).not.toContain(secret.slice(6));
  });

  it.each([
    [{ url: 'http://127.0.0.1:8080/hook', event_types: ['mapping.saved'] }, 'url'],
    [{ url: 'http://169.254.169.254/', event_types: ['mapping.saved'] }, 'url'],
    [{ url: 'not a url', event_types: ['mapping.saved'] }, 'url'],
    [{ url: 'https://hooks.example.com/', event_types: ['connection.exploded'] }, 'event_types.0'],
    [{ url: 'https://hooks.example.com/', event_types: [] }, 'event_types'],
    [{ url: 'https://hooks.example.com/', event_types: ['mapping.saved'], secret: 'mine' }, 'secret'],
  ])('refuses %o with 422 naming %s, and stores nothing', async (body, field) => {
    const before = await harness.db().select({ id: webhookEndpoints.id }).from(webhookEndpoints);
    const refused = await callApi('POST', '/webhook-endpoints', { key, body });
    expect(refused.status).toBe(422);
    expect(bodyOf(refused).error).toMatchObject({ code: 'validation_failed', field });
    expect(await harness.db().select({ id: webhookEndpoints.id }).from(webhookEndpoints)).toHaveLength(before.length);
  });

  it('lists, disables and enables; another organization’s key sees 404 and an empty list', async () => {
    expect((bodyOf(await callApi('GET', '/webhook-endpoints', { key })).data as unknown[]).length).toBe(1);
    expect(bodyOf(await callApi('GET', '/webhook-endpoints', { key: otherKey })).data).toEqual([]);
    expect((await callApi('GET', `/webhook-endpoints/${endpointId}`, { key: otherKey })).status).toBe(404);
    expect((await callApi('PATCH', `/webhook-endpoints/${endpointId}`, { key: otherKey, body: { enabled: false } })).status).toBe(404);
    const disabled = await callApi('PATCH', `/webhook-endpoints/${endpointId}`, { key, body: { enabled: false } });
    expect(bodyOf(disabled)).toMatchObject({ enabled: false, disabled_reason: 'admin' });
    const enabled = await callApi('PATCH', `/webhook-endpoints/${endpointId}`, { key, body: { enabled: true } });
    expect(bodyOf(enabled)).toMatchObject({ enabled: true, disabled_reason: null });
    expect((await callApi('PATCH', `/webhook-endpoints/${endpointId}`, { key, body: { url: 'http://localhost/' } })).status).toBe(422);
  });

  it('rotates with an overlap, sends a test event into the log, redelivers it, and deletes', async () => {
    const rotated = await callApi('POST', `/webhook-endpoints/${endpointId}/rotate-secret`, { key, body: { overlap_hours: 2 } });
    expect(rotated.status).toBe(200);
    expect(bodyOf(rotated)).toMatchObject({ secret: expect.stringMatching(/^whsec_/), endpoint: { previous_secret_expires_at: expect.any(String) } });

    const test = await callApi('POST', `/webhook-endpoints/${endpointId}/test`, { key });
    expect(test.status).toBe(202);
    const { delivery_id: deliveryId } = bodyOf(test) as { delivery_id: string };
    const log = await callApi('GET', `/webhook-endpoints/${endpointId}/deliveries`, { key });
    expect(bodyOf(log).data).toEqual([expect.objectContaining({ id: deliveryId, event_type: 'webhook.test', status: 'pending', attempts: 0 })]);
    expect((await callApi('GET', `/webhook-endpoints/${endpointId}/deliveries`, { key: otherKey })).status).toBe(404);

    expect((await callApi('POST', `/webhook-endpoints/${endpointId}/deliveries/${deliveryId}/redeliver`, { key })).status).toBe(202);
    expect((await callApi('POST', `/webhook-endpoints/${endpointId}/deliveries/${deliveryId}/redeliver`, { key: otherKey })).status).toBe(404);

    expect((await callApi('DELETE', `/webhook-endpoints/${endpointId}`, { key: otherKey })).status).toBe(404);
    expect((await callApi('DELETE', `/webhook-endpoints/${endpointId}`, { key })).status).toBe(204);
    expect((await callApi('GET', `/webhook-endpoints/${endpointId}`, { key })).status).toBe(404);
  });
});
