import { redirect } from 'next/navigation';
import { NextResponse } from 'next/server';
import { afterEach, beforeAll, describe, expect, it } from 'vitest';
import { renderApiFailure } from '@/lib/api/v1/respond';
import { captureLogs } from '@/lib/observability/capture-logs.testing';
import { log } from '@/lib/observability/request-context';
import { defineRoute } from './route-handler';

const ORIGIN = 'http://portico.test';
const UUID = /^[0-9a-f]{8}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{12}$/;
const SECRETS = {
  bearer: 'pat-secret-4b1d',
  cookie: 'session-secret-77aa',
  refresh: 'rt-secret-e0e0',
  body: 'body-secret-9c9c',
};

beforeAll(() => {
  // isSameOriginPost compares with PORTICO_BASE_URL from the validated environment.
  Object.assign(process.env, {
    PORTICO_BASE_URL: ORIGIN,
    DATABASE_URL: process.env.DATABASE_URL ?? 'postgres://unused@127.0.0.1:1/unused',
    AUTH_SECRET: 'a'.repeat(40),
    PORTICO_ENCRYPTION_KEY: `kid1:${Buffer.alloc(32, 7).toString('base64')}`,
  });
});

let logs: ReturnType<typeof captureLogs> | undefined;
afterEach(() => logs?.restore());

const route = defineRoute(
  { route: '/api/test/[id]', checkOrigin: true },
  {
    GET: () => NextResponse.json({ ok: true }),
    POST: () => NextResponse.json({ changed: true }),
    PUT: (request) => {
      // A handler that logs a headers object by mistake, then fails with an error whose cause holds a body.
      log().info(
        { headers: Object.fromEntries(request.headers), tokens: { refresh_token: SECRETS.refresh } },
        'about to fail',
      );
      throw new TypeError('mapping lookup failed', { cause: { body: { access_token: SECRETS.body } } });
    },
  },
);
const request = (method: string, headers: Record<string, string> = {}) =>
  new Request(`${ORIGIN}/api/test/1`, { method, headers: { origin: ORIGIN, ...headers } });

describe('defineRoute, the wrapper of every route handler', () => {
  it('puts a fresh request id on every answer: success, 405, 403, 500 and OPTIONS', async () => {
    const answers = await Promise.all([
      route.GET(request('GET'), undefined),
      route.DELETE(request('DELETE'), undefined),
      route.POST(request('POST', { origin: 'https://evil.example' }), undefined),
      route.PUT(request('PUT'), undefined),
      route.OPTIONS(request('OPTIONS'), undefined),
    ]);
    expect(answers.map((answer) => answer.status)).toEqual([200, 405, 403, 500, 204]);
    const ids = answers.map((answer) => answer.headers.get('x-request-id'));
    for (const id of ids) expect(id).toMatch(UUID);
    expect(new Set(ids).size).toBe(ids.length);
  });

  it('turns a thrown error into a JSON 500 naming the request id, logged with message and stack and no secret', async () => {
    logs = captureLogs();
    const answer = await route.PUT(
      request('PUT', { authorization: `Bearer ${SECRETS.bearer}`, cookie: `authjs.session-token=${SECRETS.cookie}` }),
      undefined,
    );
    const requestId = answer.headers.get('x-request-id');
    expect(answer.status).toBe(500);
    expect(answer.headers.get('content-type')).toMatch(/application\/json/);
    const body = (await answer.json()) as { error: string; message: string; requestId: string };
    expect(body).toMatchObject({ error: 'internal_error', requestId });
    expect(body.message).toContain(requestId);
    expect(body.message).not.toMatch(/mapping lookup failed/);

    const failure = logs.lines.find((line) => line.msg === 'route handler failed');
    expect(failure).toMatchObject({
      level: 50,
      requestId,
      route: '/api/test/[id]',
      method: 'PUT',
      err: { type: 'TypeError', message: 'mapping lookup failed' },
    });
    expect(failure?.err?.stack).toMatch(/route-handler\.test\.ts/);
    const finished = logs.lines.find((line) => line.msg === 'request handled');
    expect(finished).toMatchObject({ requestId, status: 500, durationMs: expect.any(Number) });
    const everything = logs.raw.join('\n');
    for (const secret of Object.values(SECRETS)) expect(everything).not.toContain(secret);
    expect(everything).toContain('[redacted]');
  });

  it('answers a method the route does not serve with a JSON 405 and an Allow header', async () => {
    const answer = await route.PATCH(request('PATCH'), undefined);
    expect(answer.status).toBe(405);
    expect(answer.headers.get('allow')).toBe('GET, POST, PUT, HEAD, OPTIONS');
    expect(await answer.json()).toMatchObject({
      error: 'method_not_allowed',
      message: expect.stringMatching(/PATCH is not supported/),
    });
  });

  it('refuses a cross-site state change with a JSON 403 before the handler runs, and lets reads through', async () => {
    const crossSite = { origin: 'https://evil.example' };
    for (const method of ['POST', 'PUT'] as const) {
      const answer = await route[method](request(method, crossSite), undefined);
      expect(answer.status).toBe(403);
      expect(await answer.json()).toMatchObject({ error: 'cross_site' });
    }
    expect((await route.GET(request('GET', crossSite), undefined)).status).toBe(200);
    expect((await route.POST(request('POST'), undefined)).status).toBe(200);
  });

  it('lets Next handle its own control-flow throws (redirect) instead of turning them into a 500', async () => {
    const redirecting = defineRoute({ route: '/api/test/redirect' }, { GET: () => redirect('/sign-in') });
    await expect(redirecting.GET(request('GET'), undefined)).rejects.toMatchObject({
      digest: expect.stringMatching(/^NEXT_REDIRECT/),
    });
  });

  it('answers in the API error shape for /api/v1, where API keys make an Origin check needless', async () => {
    const api = defineRoute(
      { route: '/api/v1/test', renderFailure: renderApiFailure },
      { POST: () => NextResponse.json({}) },
    );
    const notServed = await api.GET(request('GET'), undefined);
    expect(notServed.status).toBe(405);
    expect(notServed.headers.get('allow')).toBe('POST, OPTIONS');
    expect(await notServed.json()).toMatchObject({ error: { code: 'method_not_allowed' } });
    expect((await api.POST(request('POST', { origin: 'https://elsewhere.example' }), undefined)).status).toBe(200);
  });
});
