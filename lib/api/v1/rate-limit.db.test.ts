import { beforeAll, describe, expect, it } from 'vitest';
import { callApi } from '@/tests/api-client';
import { createOrgMembers, setupJiraHarness } from '@/tests/jira-harness';

// Read once by env(); set before any request in this file.
process.env.PORTICO_API_RATE_LIMIT_PER_MINUTE = '3';
const harness = setupJiraHarness();
const { createApiKey } = await import('@/lib/api/keys/manage-keys');

describe('/api/v1 rate limit', () => {
  let first: string;
  let second: string;
  beforeAll(async () => {
    const [admin] = await createOrgMembers(harness.db(), 'Busy', ['admin']);
    first = (await createApiKey(admin!.orgId, admin!.userId, 'one')).secret;
    second = (await createApiKey(admin!.orgId, admin!.userId, 'two')).secret;
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
});
