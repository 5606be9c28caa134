import { randomBytes } from 'node:crypto';
import { eq, sql } from 'drizzle-orm';
import { beforeAll, beforeEach, describe, expect, it, vi } from 'vitest';
import { jiraConfigVersions, jiraConnections } from '@/db/schema';
import type { CurrentMember } from '@/lib/auth/guards';
import type { JiraConfig } from '@/lib/integrations/jira/config/config-schema';
import { setupTestDatabase } from '@/tests/database';
import { createOrganization, memberOf, type TestOrganization } from '@/tests/fixtures/organizations';

const session = vi.hoisted(() => ({ member: undefined as CurrentMember | undefined }));
const cache = vi.hoisted(() => ({
  metadata: undefined as
    undefined | { statuses: { id: string }[]; priorities: { id: string }[]; projects: { key: string }[] },
}));
vi.mock('@/lib/auth/guards', () => ({ getCurrentMember: () => Promise.resolve(session.member) }));
vi.mock('@/lib/integrations/jira/metadata/metadata-cache', () => ({
  getCachedMetadata: () =>
    Promise.resolve(cache.metadata ? { metadata: cache.metadata, refreshing: false } : { refreshing: false }),
}));

// The routes' Origin check reads PORTICO_BASE_URL through the validated environment.
Object.assign(process.env, {
  PORTICO_BASE_URL: 'http://portico.test',
  AUTH_SECRET: randomBytes(33).toString('base64'),
  PORTICO_ENCRYPTION_KEY: `kid1:${randomBytes(32).toString('base64')}`,
});

const configRoute = await import('./route');
const { getJiraSnapshot } = await import('@/db/queries/jira-snapshot');
const versionsRoute = await import('./versions/route');
const rollbackRoute = await import('./rollback/route');
const database = setupTestDatabase();

const JIRA = {
  statuses: ['1', '3', '10001', '10002'].map((id) => ({ id })),
  priorities: ['1', '2', '3'].map((id) => ({ id })),
  projects: ['OPS', 'SD', 'WEB'].map((key) => ({ key })),
};
const configA: JiraConfig = {
  projectFilter: ['OPS', 'SD'],
  statusMapping: { '1': 'OPEN', '3': 'IN_PROGRESS', '10001': 'CLOSED' },
  priorityMapping: { '1': 'CRITICAL', '2': 'HIGH' },
  projectOverrides: { SD: { '10001': 'RESOLVED' } },
};

const context = (connectionId: string) => ({ params: Promise.resolve({ connectionId }) });
const url = (connectionId: string, path = '') =>
  `http://portico.test/api/integrations/jira/connections/${connectionId}/config${path}`;
// A browser sends its page's Origin with every PUT and POST; the routes refuse other origins.
const SAME_ORIGIN = { origin: 'http://portico.test' };
const json = (body: unknown) => ({
  body: typeof body === 'string' ? body : JSON.stringify(body),
  headers: { 'content-type': 'application/json', ...SAME_ORIGIN },
});

const put = (connectionId: string, body: unknown, init: RequestInit = {}) =>
  configRoute.PUT(new Request(url(connectionId), { method: 'PUT', ...json(body), ...init }), context(connectionId));
const get = (connectionId: string) => configRoute.GET(new Request(url(connectionId)), context(connectionId));
const rollback = (connectionId: string, body: unknown, headers: Record<string, string> = {}) =>
  rollbackRoute.POST(
    new Request(url(connectionId, '/rollback'), {
      method: 'POST',
      body: JSON.stringify(body),
      headers: { 'content-type': 'application/json', ...SAME_ORIGIN, ...headers },
    }),
    context(connectionId),
  );
/** A save carrying the editor's idempotency key. */
const putWithKey = (connectionId: string, key: string, body: unknown) =>
  put(connectionId, body, { headers: { 'content-type': 'application/json', ...SAME_ORIGIN, 'Idempotency-Key': key } });
const versions = (connectionId: string, query = '') =>
  versionsRoute.GET(new Request(url(connectionId, `/versions${query}`)), context(connectionId));

describe('Jira configuration routes', () => {
  let acme: TestOrganization;
  let globex: TestOrganization;
  let connectionId: string;
  let globexConnectionId: string;

  const connect = async (orgId: string, cloudId: string) => {
    const [row] = await database
      .db()
      .insert(jiraConnections)
      .values({ organizationId: orgId, cloudId, siteName: cloudId, siteUrl: `https://${cloudId}.atlassian.net` })
      .returning({ id: jiraConnections.id });
    return row!.id;
  };
  /** The stored configuration exactly as PostgreSQL holds it, plus everything a save would add. */
  const snapshot = async (id: string) => {
    const [row] = await database.db().execute<Record<string, unknown>>(sql`
      select project_filter::text, status_mapping::text, priority_mapping::text, project_overrides::text, config_version, updated_at,
        (select count(*) from jira_config_versions v where v.connection_id = c.id)::int as versions,
        (select count(*) from jira_audit_events a where a.connection_id = c.id)::int as audit_events
      from jira_connections c where c.id = ${id}`);
    return row;
  };

  beforeAll(async () => {
    acme = await createOrganization(database.db(), 'Acme');
    globex = await createOrganization(database.db(), 'Globex');
    connectionId = await connect(acme.orgId, 'acme');
    globexConnectionId = await connect(globex.orgId, 'globex');
    session.member = memberOf(acme, 'admin');
    cache.metadata = JIRA;
    const first = await put(connectionId, { expectedVersion: 0, config: configA });
    expect(first.status).toBe(200);
  });
  beforeEach(() => {
    session.member = memberOf(acme, 'admin');
    cache.metadata = JIRA;
  });

  it('gives any member the current configuration and version', async () => {
    session.member = memberOf(acme, 'member');
    const response = await get(connectionId);
    expect(response.status).toBe(200);
    expect(await response.json()).toEqual({
      config: configA,
      version: 1,
      updatedAt: expect.any(String),
      updatedBy: 'Acme admin',
    });
  });

  it('answers 401 when signed out', async () => {
    session.member = undefined;
    expect((await get(connectionId)).status).toBe(401);
    expect((await put(connectionId, { expectedVersion: 1, config: configA })).status).toBe(401);
  });

  describe('refuses bad saves with a clear 4xx and leaves the stored configuration byte-for-byte unchanged', () => {
    const notFound = { error: 'not_found', message: expect.stringMatching(/No such Jira connection/) };
    it.each<[string, () => Promise<Response>, number, Record<string, unknown>]>([
      [
        'a member',
        async () => {
          session.member = memberOf(acme, 'member');
          return put(connectionId, { expectedVersion: 1, config: { ...configA, statusMapping: {} } });
        },
        403,
        { error: 'forbidden' },
      ],
      [
        'unknown standard status',
        () => put(connectionId, { expectedVersion: 1, config: { ...configA, statusMapping: { '1': 'DONE' } } }),
        422,
        {
          error: 'invalid_config',
          fieldErrors: { 'config.statusMapping.1': [expect.stringMatching(/^Choose one of the standard statuses/)] },
        },
      ],
      [
        'unknown standard priority in an override',
        () =>
          put(connectionId, { expectedVersion: 1, config: { ...configA, projectOverrides: { SD: { '1': 'HIGH' } } } }),
        422,
        {
          fieldErrors: { 'config.projectOverrides.SD.1': [expect.stringMatching(/standard statuses/)] },
        },
      ],
      [
        'unknown Jira status id',
        () =>
          put(connectionId, {
            expectedVersion: 1,
            config: { ...configA, statusMapping: { ...configA.statusMapping, '99999': 'OPEN' } },
          }),
        422,
        {
          error: 'invalid_config',
          message: expect.stringMatching(/do not exist in Jira/),
          fieldErrors: { 'config.statusMapping.99999': [expect.stringMatching(/no status with id 99999/)] },
        },
      ],
      [
        'unknown Jira project',
        () => put(connectionId, { expectedVersion: 1, config: { ...configA, projectFilter: ['OPS', 'NOPE'] } }),
        422,
        {
          fieldErrors: { 'config.projectFilter.1': [expect.stringMatching(/no project with key NOPE/)] },
        },
      ],
      [
        'unknown Jira priority',
        () => put(connectionId, { expectedVersion: 1, config: { ...configA, priorityMapping: { '7': 'LOW' } } }),
        422,
        {
          fieldErrors: { 'config.priorityMapping.7': [expect.stringMatching(/no priority with id 7/)] },
        },
      ],
      [
        'unknown field',
        () => put(connectionId, { expectedVersion: 1, config: { ...configA, statusMappings: {} } }),
        422,
        {
          fieldErrors: { 'config.statusMappings': [expect.stringMatching(/Unknown field "statusMappings"/)] },
        },
      ],
      [
        'unknown top-level field',
        () => put(connectionId, { expectedVersion: 1, config: configA, organizationId: globex.orgId }),
        422,
        {
          fieldErrors: { organizationId: [expect.stringMatching(/Unknown field/)] },
        },
      ],
      [
        'wrong types',
        () =>
          put(connectionId, { expectedVersion: '1', config: { ...configA, projectFilter: 'OPS', statusMapping: [] } }),
        422,
        {
          fieldErrors: {
            expectedVersion: expect.any(Array),
            'config.projectFilter': expect.any(Array),
            'config.statusMapping': expect.any(Array),
          },
        },
      ],
      [
        'a body that is not an object',
        () => put(connectionId, [configA]),
        422,
        { fieldErrors: { body: expect.any(Array) } },
      ],
      [
        'invalid JSON',
        () => put(connectionId, '{"expectedVersion": 1, "config": {'),
        400,
        { error: 'invalid_json', message: expect.stringMatching(/not valid JSON/) },
      ],
      [
        'a body that is not declared as JSON',
        () => put(connectionId, { expectedVersion: 1, config: configA }, { headers: { 'content-type': 'text/plain', origin: 'http://portico.test' } }),
        415,
        {
          error: 'unsupported_media_type',
        },
      ],
      [
        'an oversized body (streamed, no Content-Length)',
        () => put(connectionId, { expectedVersion: 1, config: configA, pad: 'x'.repeat(600 * 1024) }),
        413,
        {
          error: 'payload_too_large',
          limitBytes: 512 * 1024,
        },
      ],
      [
        'an oversized Content-Length',
        () =>
          put(
            connectionId,
            { expectedVersion: 1, config: configA },
            { headers: { 'content-type': 'application/json', 'content-length': String(10 * 1024 * 1024), origin: 'http://portico.test' } },
          ),
        413,
        {
          error: 'payload_too_large',
        },
      ],
      [
        'another organization’s connection',
        () => put(globexConnectionId, { expectedVersion: 1, config: configA }),
        404,
        notFound,
      ],
      [
        'a connection that does not exist',
        () => put('5b0c8f38-58f0-4bcf-9d16-0b1fb7e8b1a5', { expectedVersion: 1, config: configA }),
        404,
        notFound,
      ],
      ['a malformed connection id', () => put('not-a-uuid', { expectedVersion: 1, config: configA }), 404, notFound],
    ])('%s', async (_name, send, status, body) => {
      const before = await snapshot(connectionId);
      const globexBefore = await snapshot(globexConnectionId);
      const response = await send();
      expect(response.status).toBe(status);
      expect(await response.json()).toMatchObject(body);
      expect(await snapshot(connectionId)).toEqual(before);
      expect(await snapshot(globexConnectionId)).toEqual(globexBefore);
    });
  });

  it('answers 404 for another organization’s connection on every route, revealing nothing', async () => {
    for (const response of [
      await get(globexConnectionId),
      await versions(globexConnectionId),
      await rollback(globexConnectionId, { expectedVersion: 0, toVersion: 0 }),
    ]) {
      expect(response.status).toBe(404);
      expect(await response.json()).toEqual({
        error: 'not_found',
        message: 'No such Jira connection in your organization.',
      });
    }
  });

  it('saves without checking ids when no Jira metadata is cached yet, but still checks their format', async () => {
    const id = await connect(acme.orgId, 'no-metadata');
    cache.metadata = undefined;
    const saved = await put(id, { expectedVersion: 0, config: { ...configA, statusMapping: { '424242': 'OPEN' } } });
    expect(saved.status).toBe(200);
    expect(await saved.json()).toMatchObject({ version: 1, idsChecked: false });
    expect(
      (await put(id, { expectedVersion: 1, config: { ...configA, statusMapping: { Done: 'OPEN' } } })).status,
    ).toBe(422);
  });

  it('keeps a saved id Jira no longer lists, and flags it', async () => {
    const id = await connect(acme.orgId, 'vanished');
    await put(id, { expectedVersion: 0, config: configA });
    cache.metadata = {
      ...JIRA,
      statuses: JIRA.statuses.filter((s) => s.id !== '3'),
      projects: JIRA.projects.filter((p) => p.key !== 'SD'),
    };
    const response = await put(id, {
      expectedVersion: 1,
      config: { ...configA, statusMapping: { ...configA.statusMapping, '3': 'BLOCKED' } },
    });
    expect(response.status).toBe(200);
    expect(await response.json()).toMatchObject({
      version: 2,
      missingFromJira: { statusIds: ['3'], projectKeys: ['SD'], priorityIds: [] },
    });
  });

  it('refuses a stale save with 409, the current config, its author and the other admin’s changes', async () => {
    const id = await connect(acme.orgId, 'two-admins');
    await put(id, { expectedVersion: 0, config: configA });
    // Admin 1 saves on top of version 1 …
    const mine = { ...configA, statusMapping: { ...configA.statusMapping, '1': 'TODO' } } satisfies JiraConfig;
    expect((await put(id, { expectedVersion: 1, config: mine })).status).toBe(200);
    const before = await snapshot(id);
    // … while admin 2 still edits version 1.
    const response = await put(id, { expectedVersion: 1, config: { ...configA, priorityMapping: { '1': 'LOW' } } });
    expect(response.status).toBe(409);
    expect(await response.json()).toEqual({
      error: 'stale_version',
      message: expect.stringMatching(/^Another admin saved changes since you started editing/),
      current: { config: mine, version: 2, updatedAt: expect.any(String), updatedBy: 'Acme admin' },
      changes: [{ kind: 'status_mapping', id: '1', from: 'OPEN', to: 'TODO' }],
    });
    expect(await snapshot(id)).toEqual(before);
    // A client claiming a version from the future is refused the same way.
    expect((await put(id, { expectedVersion: 9, config: configA })).status).toBe(409);
  });

  describe('idempotent saves (Idempotency-Key)', () => {
    const edited = { ...configA, statusMapping: { ...configA.statusMapping, '1': 'TODO' } } satisfies JiraConfig;

    it('a retry of a save that committed (its answer lost) gets the original answer, not 409', async () => {
      const id = await connect(acme.orgId, 'lost-answer');
      await put(id, { expectedVersion: 0, config: configA });
      const key = crypto.randomUUID();
      const first = await putWithKey(id, key, { expectedVersion: 1, config: edited });
      expect(first.status).toBe(200);
      const original = (await first.json()) as Record<string, unknown>;
      expect(original).toMatchObject({ version: 2, changed: true });
      const after = await snapshot(id);

      const retry = await putWithKey(id, key, { expectedVersion: 1, config: edited });
      expect(retry.status).toBe(200);
      expect(await retry.json()).toEqual(original);
      expect(await snapshot(id)).toEqual(after);
      // Without the key the same retry is, correctly, a conflict with itself.
      expect((await put(id, { expectedVersion: 1, config: edited })).status).toBe(409);
    });

    it('two racing copies of one save (same key) land once and both get its answer', async () => {
      const id = await connect(acme.orgId, 'twin-saves');
      await put(id, { expectedVersion: 0, config: configA });
      const key = crypto.randomUUID();
      const answers = await Promise.all([1, 2].map(() => putWithKey(id, key, { expectedVersion: 1, config: edited })));
      expect(answers.map((answer) => answer.status)).toEqual([200, 200]);
      const [a, b] = (await Promise.all(answers.map((answer) => answer.json()))) as Record<string, unknown>[];
      expect(a).toEqual(b);
      expect(await snapshot(id)).toMatchObject({ config_version: 2, versions: 3 });
    });

    it('refuses a key reused with another request with 422, saving nothing', async () => {
      const id = await connect(acme.orgId, 'reused-key');
      await put(id, { expectedVersion: 0, config: configA });
      const key = crypto.randomUUID();
      expect((await putWithKey(id, key, { expectedVersion: 1, config: edited })).status).toBe(200);
      const before = await snapshot(id);
      const reused = await putWithKey(id, key, { expectedVersion: 2, config: configA });
      expect(reused.status).toBe(422);
      expect(await reused.json()).toEqual({
        error: 'idempotency_key_reused',
        message: expect.stringMatching(/^This Idempotency-Key was already used for a different request; nothing was saved\./),
      });
      // … also on another route: a rollback is another request.
      expect((await rollback(id, { expectedVersion: 2, toVersion: 1 }, { 'Idempotency-Key': key })).status).toBe(422);
      expect(await snapshot(id)).toEqual(before);
      const malformed = await putWithKey(id, 'has spaces', { expectedVersion: 2, config: configA });
      expect(malformed.status).toBe(422);
      expect(await malformed.json()).toMatchObject({ error: 'invalid_idempotency_key' });
    });

    it('a retried rollback returns its first answer instead of 409', async () => {
      const id = await connect(acme.orgId, 'rollback-retry');
      await put(id, { expectedVersion: 0, config: configA });
      await put(id, { expectedVersion: 1, config: edited });
      const key = crypto.randomUUID();
      const first = await rollback(id, { expectedVersion: 2, toVersion: 1 }, { 'Idempotency-Key': key });
      expect(first.status).toBe(200);
      const original = (await first.json()) as Record<string, unknown>;
      const retry = await rollback(id, { expectedVersion: 2, toVersion: 1 }, { 'Idempotency-Key': key });
      expect(retry.status).toBe(200);
      expect(await retry.json()).toEqual(original);
      expect(await snapshot(id)).toMatchObject({ config_version: 3 });
    });
  });

  it('marks per-project overrides and resets them to the default', async () => {
    const id = await connect(acme.orgId, 'overrides');
    const withOverride = {
      ...configA,
      projectOverrides: { SD: { '10001': 'RESOLVED' as const }, OPS: { '3': 'IN_REVIEW' as const } },
    };
    await put(id, { expectedVersion: 0, config: withOverride });
    const reset = await put(id, {
      expectedVersion: 1,
      config: { ...withOverride, projectOverrides: { SD: withOverride.projectOverrides.SD, OPS: {} } },
    });
    expect(await reset.json()).toMatchObject({
      version: 2,
      config: { projectOverrides: { SD: { '10001': 'RESOLVED' } } },
      changes: [{ kind: 'project_override', key: 'OPS', id: '3', from: 'IN_REVIEW', to: null }],
      summary: 'overrides for OPS',
    });
  });

  it('records what Jira looked like at every save, unchanged saves included, so later renames show as drift', async () => {
    const id = await connect(acme.orgId, 'snapshot');
    const named = {
      ...JIRA,
      statuses: JIRA.statuses.map((status) => ({ ...status, name: `Status ${status.id}`, category: 'TODO' })),
      priorities: JIRA.priorities.map((priority) => ({ ...priority, name: `P${priority.id}` })),
    };
    cache.metadata = named;
    await put(id, { expectedVersion: 0, config: configA });
    expect((await getJiraSnapshot(acme.orgId, id))?.statuses['1']).toEqual({ name: 'Status 1', category: 'TODO' });

    named.statuses[0]!.name = 'Renamed in Jira';
    const review = await put(id, { expectedVersion: 1, config: configA });
    expect(await review.json()).toMatchObject({ version: 1, changed: false });
    expect((await getJiraSnapshot(acme.orgId, id))?.statuses['1']?.name).toBe('Renamed in Jira');
    expect((await getJiraSnapshot(globex.orgId, id))).toBeUndefined();
  });

  it('lists history with author and summary, and rolls back as a new version equal to the old one', async () => {
    const id = await connect(acme.orgId, 'history');
    const v2 = { ...configA, projectFilter: ['OPS', 'SD', 'WEB'], priorityMapping: { '1': 'HIGH' as const } };
    await put(id, { expectedVersion: 0, config: configA });
    await put(id, { expectedVersion: 1, config: v2 });

    const list = await versions(id);
    expect(list.status).toBe(200);
    expect(await list.json()).toEqual({
      currentVersion: 2,
      versions: [
        {
          version: 2,
          authorName: 'Acme admin',
          createdAt: expect.any(String),
          summary: '2 priority mappings, project filter (+1 −0)',
        },
        {
          version: 1,
          authorName: 'Acme admin',
          createdAt: expect.any(String),
          summary: expect.stringMatching(/^3 status mappings/),
        },
        { version: 0, authorName: null, createdAt: expect.any(String), summary: expect.any(String) },
      ],
    });

    session.member = memberOf(acme, 'member');
    expect((await rollback(id, { expectedVersion: 2, toVersion: 1 })).status).toBe(403);
    session.member = memberOf(acme, 'admin');
    expect((await rollback(id, { expectedVersion: 1, toVersion: 1 })).status).toBe(409);
    expect(await (await rollback(id, { expectedVersion: 2, toVersion: 7 })).json()).toMatchObject({
      error: 'version_not_found',
    });
    expect((await rollback(id, { expectedVersion: 2, toVersion: 1, force: true })).status).toBe(422);

    const rolled = await rollback(id, { expectedVersion: 2, toVersion: 1 });
    expect(rolled.status).toBe(200);
    expect(await rolled.json()).toMatchObject({
      version: 3,
      config: configA,
      summary: expect.stringMatching(/^Rolled back to version 1: /),
    });
    const [v1, v3] = await Promise.all(
      [1, 3].map((version) =>
        database
          .db()
          .select()
          .from(jiraConfigVersions)
          .where(eq(jiraConfigVersions.version, version))
          .then((rows) => rows.find((row) => row.connectionId === id)),
      ),
    );
    expect({ ...v3!.statusMapping }).toEqual(v1!.statusMapping);
    expect([v3!.projectFilter, v3!.priorityMapping, v3!.projectOverrides]).toEqual([
      v1!.projectFilter,
      v1!.priorityMapping,
      v1!.projectOverrides,
    ]);
    expect(await (await get(id)).json()).toMatchObject({ version: 3, config: configA });

    const one = await versions(id, '?version=2');
    expect(await one.json()).toMatchObject({
      version: 2,
      config: v2,
      currentVersion: 3,
      changesToCurrent: expect.arrayContaining([{ kind: 'project_filter', key: 'WEB', change: 'removed' }]),
    });
    expect((await versions(id, '?version=abc')).status).toBe(400);
    expect((await versions(id, '?version=40')).status).toBe(404);
  });
});
