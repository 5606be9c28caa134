import { readdirSync } from 'node:fs';
import path from 'node:path';
import { beforeAll, describe, expect, it, vi } from 'vitest';

// A signed-in admin: the cross-site refusal must hold even for a valid session cookie.
vi.mock('@/lib/auth/guards', () => ({
  getCurrentMember: () => Promise.resolve({ userId: 'u', orgId: 'o', role: 'admin', email: 'a@b.c', name: 'A' }),
}));

const ORIGIN = 'http://portico.test';
const API_DIR = path.join(process.cwd(), 'app/api');
type Handler = (request: Request, context: unknown) => Promise<Response>;
type RouteModule = Partial<Record<string, Handler>>;

/** Every route.ts under app/api, by URL path; next-auth's own route keeps next-auth's handler. */
function routeFiles(): string[] {
  const found: string[] = [];
  const walk = (dir: string) => {
    for (const entry of readdirSync(dir, { withFileTypes: true })) {
      const full = path.join(dir, entry.name);
      if (entry.isDirectory()) walk(full);
      else if (entry.name === 'route.ts') found.push(path.relative(API_DIR, dir));
    }
  };
  walk(API_DIR);
  return found.filter((route) => !route.startsWith('auth/')).sort();
}

const ROUTES = routeFiles();
const load = (route: string) => import(path.join(API_DIR, route, 'route.ts')) as Promise<RouteModule>;
const context = { params: Promise.resolve({ connectionId: '00000000-0000-4000-8000-000000000000', path: ['x'] }) };

beforeAll(() => {
  Object.assign(process.env, {
    PORTICO_BASE_URL: ORIGIN,
    DATABASE_URL: 'postgres://unused@127.0.0.1:1/unused',
    AUTH_SECRET: 'a'.repeat(40),
    PORTICO_ENCRYPTION_KEY: `kid1:${Buffer.alloc(32, 7).toString('base64')}`,
  });
});

describe('every route handler under app/api', () => {
  it('finds them all (the walk is what the checks below rely on)', () => {
    expect(ROUTES.length).toBeGreaterThanOrEqual(19);
    expect(ROUTES).toEqual(expect.arrayContaining(['health', 'metrics', 'v1/[...path]', 'integrations/jira/callback']));
  });

  it.each(ROUTES)('%s answers through the wrapper: X-Request-Id, and an Allow list for OPTIONS', async (route) => {
    const handlers = await load(route);
    for (const method of ['GET', 'POST', 'PUT', 'PATCH', 'DELETE', 'OPTIONS'])
      expect(handlers[method], method).toBeTypeOf('function');
    const answer = await handlers.OPTIONS!(new Request(`${ORIGIN}/api/${route}`, { method: 'OPTIONS' }), context);
    expect(answer.headers.get('x-request-id')).toMatch(/^[0-9a-f-]{36}$/);
  });

  const cookieRoutes = ROUTES.filter((route) => route.startsWith('integrations/') || route.startsWith('notifications/'));
  it.each(cookieRoutes)('%s refuses every state-changing method from another origin with a JSON 403', async (route) => {
    const handlers = await load(route);
    const allow =
      (await handlers.OPTIONS!(new Request(`${ORIGIN}/api/${route}`, { method: 'OPTIONS' }), context)).headers.get(
        'allow',
      ) ?? '';
    const served = ['POST', 'PUT', 'PATCH', 'DELETE'].filter((method) => allow.split(', ').includes(method));
    for (const method of served) {
      const answer = await handlers[method]!(
        new Request(`${ORIGIN}/api/${route}`, {
          method,
          headers: { origin: 'https://evil.example', 'content-type': 'application/json' },
          body: '{}',
        }),
        context,
      );
      expect(answer.status, `${method} ${route}`).toBe(403);
      expect(await answer.json()).toMatchObject({ error: 'cross_site' });
    }
  });

  it('POST …/metadata, which accepted any Origin, is refused cross-site', async () => {
    const handlers = await load('integrations/jira/connections/[connectionId]/metadata');
    const answer = await handlers.POST!(
      new Request(`${ORIGIN}/api/integrations/jira/connections/x/metadata`, {
        method: 'POST',
        headers: { origin: 'https://evil.example' },
      }),
      context,
    );
    expect(answer.status).toBe(403);
    expect(answer.headers.get('x-request-id')).toBeTruthy();
  });
});
