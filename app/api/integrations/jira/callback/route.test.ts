import { afterEach, beforeAll, describe, expect, it, vi } from 'vitest';
import { captureLogs } from '@/lib/observability/capture-logs.testing';

const callback = vi.hoisted(() => ({ failure: undefined as Error | undefined }));
vi.mock('next/headers', () => ({ cookies: () => Promise.resolve({ get: () => undefined }) }));
vi.mock('@/lib/auth/guards', () => ({ getCurrentMember: () => Promise.resolve(undefined) }));
vi.mock('@/lib/integrations/jira/connect/handle-callback', () => ({
  handleCallback: () =>
    callback.failure ? Promise.reject(callback.failure) : Promise.resolve({ kind: 'done', outcome: 'invalid_state' }),
}));

const { GET } = await import('./route');
const { CONNECT_OUTCOMES } = await import('@/lib/integrations/jira/connect/outcomes');

beforeAll(() => {
  Object.assign(process.env, {
    PORTICO_BASE_URL: 'http://portico.test',
    DATABASE_URL: 'postgres://unused@127.0.0.1:1/unused',
    AUTH_SECRET: 'a'.repeat(40),
    PORTICO_ENCRYPTION_KEY: `kid1:${Buffer.alloc(32, 7).toString('base64')}`,
  });
});

let logs: ReturnType<typeof captureLogs> | undefined;
afterEach(() => logs?.restore());

describe('GET /api/integrations/jira/callback', () => {
  it('reports a failure inside Portico as internal_error with the request id, never as atlassian_unavailable', async () => {
    logs = captureLogs();
    callback.failure = new TypeError('saveConnection: undefined is not a function');
    const response = await GET(
      new Request('http://portico.test/api/integrations/jira/callback?code=c0de-secret&state=s'),
      undefined,
    );
    callback.failure = undefined;

    expect(response.status).toBe(303);
    const requestId = response.headers.get('x-request-id');
    const location = new URL(response.headers.get('location') ?? '');
    expect(location.pathname).toBe('/settings/integrations');
    expect(Object.fromEntries(location.searchParams)).toEqual({ jira: 'internal_error', requestId });
    expect(CONNECT_OUTCOMES.internal_error.message).toMatch(/fault is in Portico, not at Atlassian/);

    const line = logs.lines.find((entry) => entry.msg === 'jira callback failed inside Portico');
    expect(line).toMatchObject({
      requestId,
      err: { type: 'TypeError', message: 'saveConnection: undefined is not a function' },
    });
    expect(logs.raw.join('\n')).not.toContain('c0de-secret');
  });

  it('keeps the request id out of the URL of an ordinary outcome', async () => {
    const response = await GET(new Request('http://portico.test/api/integrations/jira/callback?state=s'), undefined);
    expect(response.headers.get('location')).toBe('http://portico.test/settings/integrations?jira=invalid_state');
  });
});
