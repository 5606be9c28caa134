import { afterAll, beforeAll, describe, expect, it, vi } from 'vitest';
import type { Database } from '@/db/connect';
import { callApi } from '@/tests/api-client';
import { createOrgMembers, setupJiraHarness } from '@/tests/jira-harness';
import { BAD_KEY_LIMIT } from './rate-limit';

// Read once by env(); set before any request in this file.
process.env.PORTICO_API_RATE_LIMIT_PER_MINUTE = '3';
const harness = setupJiraHarness();
const { createApiKey } = await import('@/lib/api/keys/manage-keys');

const afterCleanup: (() => Promise<unknown>)[] = [];
afterAll(async () => {
  await Promise.all(afterCleanup.map((cleanup) => cleanup()));
});

type ListRoute = { GET: (request: Request, context: { params: Promise<Record<string, never>> }) => Promise<Response> };

/** A second Portico instance: the route module loaded afresh, with its own limiter and its own pool. */
async function loadAnotherInstance(): Promise<ListRoute> {
  const shared = globalThis as { porticoDb?: Database };
  const first = shared.porticoDb;
  delete shared.porticoDb;
  vi.resetModules();
  const route = (await import('@/app/api/v1/connections/route')) as unknown as ListRoute;
  await route.GET(new Request('http://portico.test/api/v1/connections'), { params: Promise.resolve({}) });
  const second = (globalThis as { porticoDb?: Database }).porticoDb;
  if (!second) throw new Error('the second instance opened no pool');
  shared.porticoDb = first;
  afterCleanup.push(() => second.close());
  return {
    GET: async (request, context) => {
      const outer = shared.porticoDb;
      shared.porticoDb = second;
      try {
        return await route.GET(request, context);
      } finally {
        shared.porticoDb = outer;
      }
    },
  };
}

describe('/api/v1 rate limit', () => {
  let first: string;
  let second: string;
  let third: string;
  beforeAll(async () => {
    const [admin] = await createOrgMembers(harness.db(), 'Busy', ['admin']);
    first = (await createApiKey(admin!.orgId, admin!.userId, 'one')).secret;
    second = (await createApiKey(admin!.orgId, admin!.userId, 'two')).secret;
    third = (await createApiKey(admin!.orgId, admin!.userId, 'three')).secret;
  });

  it('answers 429 with Retry-After once a key has used its requests, per key', async () => {
    const statuses = [];
    for (let i = 0; i < 3; i += 1) statuses.push((await callApi('GET', '/connections', { key: first })).status);
    expect(statuses).toEqual([200, 200, 200]);
    const limited = await callApi('GET', '/connections', { key: first });
    expect(limited.status).toBe(429);
    expect(limited.body).toMatchObject({ error: { code: 'rate_limited' } });
    expect(Number(limited.headers.get('retry-after'))).toBeGreaterThanOrEqual(1);
    expect((await callApi('GET', '/connections', { key: second })).status).toBe(200);
  });

  it('allows a key its limit once across two instances, not once per instance', async () => {
    const { GET: here } = (await import('@/app/api/v1/connections/route')) as unknown as ListRoute;
    const { GET: there } = await loadAnotherInstance();
    const statuses = [];
    for (let i = 0; i < 6; i += 1) {
      const handler = i % 2 === 0 ? here : there;
      const request = new Request('http://portico.test/api/v1/connections', { headers: { authorization: `Bearer ${third}` } });
      statuses.push((await handler(request, { params: Promise.resolve({}) })).status);
    }
    expect(statuses).toEqual([200, 200, 200, 429, 429, 429]);
  });

  it('limits requests with a missing or unknown key per client address, without locking out valid keys', async () => {
    const from = { 'x-forwarded-for': '198.51.100.7' };
    const statuses = [];
    for (let i = 0; i < BAD_KEY_LIMIT.points; i += 1) {
      const key = i % 2 === 0 ? undefined : `ptk_${'x'.repeat(43)}`;
      statuses.push((await callApi('GET', '/connections', { key, headers: from })).status);
    }
    expect(new Set(statuses)).toEqual(new Set([401]));
    const refused = await callApi('GET', '/connections', { headers: from });
    expect(refused.status).toBe(429);
    expect(refused.body).toMatchObject({ error: { code: 'rate_limited', message: expect.stringMatching(/valid API key/) } });
    expect(Number(refused.headers.get('retry-after'))).toBeGreaterThanOrEqual(1);
    expect((await callApi('GET', '/connections', { headers: { 'x-forwarded-for': '198.51.100.8' } })).status).toBe(401);
    expect((await callApi('GET', '/connections', { key: second, headers: from })).status).toBe(200);
  });
});
