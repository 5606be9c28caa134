import { eq, sql } from 'drizzle-orm';
import { beforeAll, describe, expect, it } from 'vitest';
import { apiKeys, jiraDiagnosticRuns } from '@/db/schema';
import type { CurrentMember } from '@/lib/auth/guards';
import { daysAgo, healthyFacts } from '@/lib/integrations/jira/diagnostics/rules/facts.testing';
import { checkGrant } from '@/lib/integrations/jira/diagnostics/rules/grant';
import { callApi } from '@/tests/api-client';
import { createOrgMembers, setupJiraHarness } from '@/tests/jira-harness';

const harness = setupJiraHarness();
const { createApiKey } = await import('@/lib/api/keys/manage-keys');

type Body = Record<string, unknown> & { error?: { code: string; field?: string } };
const bodyOf = (answer: { body: unknown }) => answer.body as Body;

describe('/api/v1 connections', () => {
  let acmeAdmin: CurrentMember;
  let globexAdmin: CurrentMember;
  let acmeKey: string;
  let globexKey: string;
  let acmeConnection: string;

  beforeAll(async () => {
    [acmeAdmin] = (await createOrgMembers(harness.db(), 'Acme', ['admin'])) as [CurrentMember];
    [globexAdmin] = (await createOrgMembers(harness.db(), 'Globex', ['admin'])) as [CurrentMember];
    acmeKey = (await createApiKey(acmeAdmin.orgId, acmeAdmin.userId, 'Acme backend')).secret;
    globexKey = (await createApiKey(globexAdmin.orgId, globexAdmin.userId, 'Globex backend')).secret;
    const created = await callApi('POST', '/connections', { key: acmeKey, body: { vendor: 'JIRA' } });
    acmeConnection = bodyOf(created).id as string;
  });

  /** Every column of every connection, to prove refused requests changed nothing. */
  const allConnections = () => harness.db().execute(sql`select * from jira_connections order by id`);

  describe('API keys', () => {
    it('stores only a SHA-256 of the key, with a visible prefix', async () => {
      const created = await createApiKey(acmeAdmin.orgId, acmeAdmin.userId, 'Stored');
      expect(created.secret).toMatch(/^ptk_[A-Za-z0-9_-]{43}$/);
      const [row] = await harness.db().select().from(apiKeys).where(eq(apiKeys.id, created.id));
      expect(row!.prefix).toBe(created.secret.slice(0, 12));
      expect(row!.secretHash).toMatch(/^[0-9a-f]{64}$/);
      expect(JSON.stringify(row)).not.toContain(created.secret.slice(12));
    });

    it('refuses a missing, malformed or unknown key with 401', async () => {
      for (const key of [undefined, 'not-a-key', `ptk_${'A'.repeat(43)}`]) {
        const answer = await callApi('GET', '/connections', { key });
        expect(answer.status).toBe(401);
        expect(bodyOf(answer).error?.code).toBe('unauthenticated');
        expect(answer.headers.get('www-authenticate')).toBe('Bearer');
      }
    });

    it('records the use, and a revoked key stops working at once', async () => {
      const created = await createApiKey(acmeAdmin.orgId, acmeAdmin.userId, 'Short-lived');
      expect((await callApi('GET', '/connections', { key: created.secret })).status).toBe(200);
      const [used] = await harness.db().select().from(apiKeys).where(eq(apiKeys.id, created.id));
      expect(used!.lastUsedAt).toBeInstanceOf(Date);
      await harness.db().update(apiKeys).set({ revokedAt: new Date() }).where(eq(apiKeys.id, created.id));
      expect((await callApi('GET', '/connections', { key: created.secret })).status).toBe(401);
    });
  });

  describe('POST /connections', () => {
    it('creates a pending Jira connection with defaults and a Portico authorize URL', async () => {
      const answer = await callApi('POST', '/connections', {
        key: acmeKey,
        body: {
          vendor: 'JIRA',
          options: { project_keys_filter: ['PLAT', 'MOB'], priority_mapping: [{ Highest: 'CRITICAL' }, { High: 'HIGH' }], status_mapping: { Done: 'CLOSED' } },
        },
      });
      expect(answer.status).toBe(201);
      const body = bodyOf(answer);
      expect(body).toMatchObject({
        vendor: 'JIRA',
        status: 'pending_authorization',
        organization_id: acmeAdmin.orgId,
        refresh_interval_secs: 900,
        timeout_secs: 1800,
        site: null,
        options: { project_keys_filter: ['PLAT', 'MOB'], status_mapping: {}, priority_mapping: {} },
        requested_mappings: { status_mapping: { Done: 'CLOSED' }, priority_mapping: { Highest: 'CRITICAL', High: 'HIGH' } },
        resolution: { state: 'pending' },
      });
      expect(body.oauth2_authorize_url).toMatch(/^http:\/\/portico\.test\/integrations\/jira\/authorize\/[A-Za-z0-9_-]{43}$/);
      expect(answer.headers.get('location')).toBe(`/api/v1/connections/${body.id as string}`);
    });

    it.each([
      { case: 'unknown vendor', body: { vendor: 'ASANA' }, status: 422, field: 'vendor' },
      { case: 'missing vendor', body: {}, status: 422, field: 'vendor' },
      { case: 'bad project key', body: { vendor: 'JIRA', options: { project_keys_filter: ['ops'] } }, status: 422, field: 'options.project_keys_filter.0' },
      { case: 'duplicate project key', body: { vendor: 'JIRA', options: { project_keys_filter: ['OPS', 'OPS'] } }, status: 422, field: 'options.project_keys_filter' },
      { case: 'bad mapping value (object)', body: { vendor: 'JIRA', options: { priority_mapping: { Highest: 'URGENT' } } }, status: 422, field: 'options.priority_mapping.Highest' },
      { case: 'bad mapping value (list)', body: { vendor: 'JIRA', options: { status_mapping: [{ Done: 'FINISHED' }] } }, status: 422, field: 'options.status_mapping.0.Done' },
      { case: 'list item with two names', body: { vendor: 'JIRA', options: { status_mapping: [{ Done: 'CLOSED', Open: 'OPEN' }] } }, status: 422, field: 'options.status_mapping.0' },
      { case: 'name mapped twice', body: { vendor: 'JIRA', options: { status_mapping: [{ Done: 'CLOSED' }, { done: 'RESOLVED' }] } }, status: 422, field: 'options.status_mapping.1.done' },
      { case: 'name mapped twice (object, case)', body: { vendor: 'JIRA', options: { status_mapping: { Done: 'CLOSED', done: 'RESOLVED' } } }, status: 422, field: 'options.status_mapping.done' },
      { case: 'name mapped twice (object, spaces)', body: { vendor: 'JIRA', options: { status_mapping: { Done: 'CLOSED', ' Done ': 'OPEN' } } }, status: 422, field: 'options.status_mapping. Done ' },
      { case: 'name mapped twice (list, spaces)', body: { vendor: 'JIRA', options: { priority_mapping: [{ High: 'HIGH' }, { ' high': 'LOW' }] } }, status: 422, field: 'options.priority_mapping.1. high' },
      { case: 'unknown top-level field', body: { vendor: 'JIRA', color: 'red' }, status: 422, field: 'color' },
      { case: 'unknown option', body: { vendor: 'JIRA', options: { sync_comments: true } }, status: 422, field: 'options.sync_comments' },
      { case: 'wrong type (mapping)', body: { vendor: 'JIRA', options: { priority_mapping: 'Highest=CRITICAL' } }, status: 422, field: 'options.priority_mapping' },
      { case: 'wrong type (interval)', body: { vendor: 'JIRA', refresh_interval_secs: '3600' }, status: 422, field: 'refresh_interval_secs' },
      { case: 'interval too short', body: { vendor: 'JIRA', timeout_secs: 1 }, status: 422, field: 'timeout_secs' },
      { case: 'body not an object', body: ['JIRA'], status: 422, field: 'body' },
    ])('refuses $case with $status naming $field, and stores nothing', async ({ body, status, field }) => {
      const before = await allConnections();
      const answer = await callApi('POST', '/connections', { key: acmeKey, body });
      expect(answer.status).toBe(status);
      expect(bodyOf(answer).error).toMatchObject({ code: 'validation_failed', field });
      expect(await allConnections()).toEqual(before);
    });

    it.each([
      { case: 'invalid JSON', options: { rawBody: '{"vendor": ' }, status: 400, code: 'invalid_json' },
      { case: 'oversized body', options: { rawBody: JSON.stringify({ vendor: 'JIRA', pad: 'x'.repeat(70_000) }) }, status: 413, code: 'payload_too_large' },
      { case: 'not JSON', options: { rawBody: 'vendor=JIRA', headers: { 'content-type': 'application/x-www-form-urlencoded' } }, status: 415, code: 'unsupported_media_type' },
    ])('refuses $case with $status', async ({ options, status, code }) => {
      const before = await allConnections();
      const answer = await callApi('POST', '/connections', { key: acmeKey, ...options });
      expect(answer.status).toBe(status);
      expect(bodyOf(answer).error).toMatchObject({ code, field: 'body' });
      expect(await allConnections()).toEqual(before);
    });
  });

  describe('GET, PATCH, DELETE', () => {
    it('lists and reads the organization’s connections', async () => {
      const list = await callApi('GET', '/connections', { key: acmeKey });
      expect(list.status).toBe(200);
      expect((bodyOf(list).data as { id: string }[]).map((c) => c.id)).toContain(acmeConnection);
      const one = await callApi('GET', `/connections/${acmeConnection}`, { key: acmeKey });
      expect(bodyOf(one)).toMatchObject({ id: acmeConnection, oauth2_authorize_url: null, resolution: { state: 'not_requested' } });
      expect((await callApi('GET', '/connections/not-a-uuid', { key: acmeKey })).status).toBe(404);
    });

    it('changes intervals and options, and refuses bad input without changing the row', async () => {
      const answer = await callApi('PATCH', `/connections/${acmeConnection}`, {
        key: acmeKey,
        body: { refresh_interval_secs: 3600, options: { project_keys_filter: ['OPS'], status_mapping: { Done: 'CLOSED' } } },
      });
      expect(answer.status).toBe(200);
      expect(bodyOf(answer)).toMatchObject({
        refresh_interval_secs: 3600,
        timeout_secs: 1800,
        options: { project_keys_filter: ['OPS'] },
        requested_mappings: { status_mapping: { Done: 'CLOSED' }, priority_mapping: {} },
      });
      const before = await allConnections();
      for (const body of [{ vendor: 'JIRA' }, { timeout_secs: 10 }, { options: { priority_mapping: { High: 'SEVERE' } } }]) {
        const refused = await callApi('PATCH', `/connections/${acmeConnection}`, { key: acmeKey, body });
        expect(refused.status).toBe(422);
      }
      expect(await allConnections()).toEqual(before);
    });

    it('honours Idempotency-Key on PATCH: a retry gets the first answer, the key with another body gets 422', async () => {
      const id = bodyOf(await callApi('POST', '/connections', { key: acmeKey, body: { vendor: 'JIRA' } })).id as string;
      const key = crypto.randomUUID();
      const patch = (body: unknown, idempotencyKey?: string) =>
        callApi('PATCH', `/connections/${id}`, {
          key: acmeKey,
          body,
          headers: idempotencyKey ? { 'Idempotency-Key': idempotencyKey } : {},
        });
      const first = await patch({ timeout_secs: 600 }, key);
      expect(first.status).toBe(200);
      // Someone else changes the connection before the client, which never saw the first answer, retries.
      expect((await patch({ timeout_secs: 900 })).status).toBe(200);
      const before = await allConnections();

      const retried = await patch({ timeout_secs: 600 }, key);
      expect(retried.status).toBe(200);
      expect(retried.body).toEqual(first.body);
      expect(await allConnections()).toEqual(before);

      const reused = await patch({ timeout_secs: 1200 }, key);
      expect(reused.status).toBe(422);
      expect(bodyOf(reused).error).toMatchObject({ code: 'idempotency_key_reused', field: 'Idempotency-Key' });
      const malformed = await patch({ timeout_secs: 1200 }, 'x'.repeat(256));
      expect(bodyOf(malformed).error).toMatchObject({ code: 'validation_failed', field: 'Idempotency-Key' });
      expect(await allConnections()).toEqual(before);
    });

    it('deletes a connection', async () => {
      const id = bodyOf(await callApi('POST', '/connections', { key: acmeKey, body: { vendor: 'JIRA' } })).id as string;
      expect((await callApi('DELETE', `/connections/${id}`, { key: acmeKey })).status).toBe(204);
      expect((await callApi('GET', `/connections/${id}`, { key: acmeKey })).status).toBe(404);
      expect((await callApi('DELETE', `/connections/${id}`, { key: acmeKey })).status).toBe(404);
    });

    it('runs diagnostics and returns the latest run', async () => {
      const empty = await callApi('GET', `/connections/${acmeConnection}/diagnostics`, { key: acmeKey });
      expect(empty.status).toBe(200);
      const run = await callApi('POST', `/connections/${acmeConnection}/diagnostics`, { key: acmeKey });
      expect(run.status).toBe(201);
      const latest = await callApi('GET', `/connections/${acmeConnection}/diagnostics`, { key: acmeKey });
      expect(bodyOf(latest).run).toEqual(bodyOf(run).run);
      // A second run within a minute is refused: it would rotate the refresh token again for nothing.
      const again = await callApi('POST', `/connections/${acmeConnection}/diagnostics`, { key: acmeKey });
      expect(again.status).toBe(429);
      expect(bodyOf(again).error).toMatchObject({ code: 'rate_limited' });
      expect(JSON.stringify(bodyOf(again).error)).toContain(`GET /api/v1/connections/${acmeConnection}/diagnostics`);
      expect(Number(again.headers.get('retry-after'))).toBeGreaterThan(0);
      expect(Number(again.headers.get('retry-after'))).toBeLessThanOrEqual(60);
      expect(bodyOf(await callApi('GET', `/connections/${acmeConnection}/diagnostics`, { key: acmeKey })).run).toEqual(bodyOf(run).run);
    });

    it('gives the times inside findings as UTC labels, from runs stored with time tokens and from older ones', async () => {
      const id = bodyOf(await callApi('POST', '/connections', { key: acmeKey, body: { vendor: 'JIRA' } })).id as string;
      // A finding as the rule writes it (its times are tokens), and one stored before tokens, its time already text.
      const idle = checkGrant(healthyFacts({ grant: { lastRefreshedAt: daysAgo(10) } }));
      const old = {
        ...idle,
        summary: 'The authorization works, but it had not been refreshed for 10 days: left unused it would have expired on Feb 11, 2027, 12:00 PM UTC.',
      };
      type Run = { checks: { summary: string; evidence: { answered: string }[] }[] };
      const insertRun = (check: unknown, startedAt: Date) =>
        harness
          .db()
          .insert(jiraDiagnosticRuns)
          .values({ organizationId: acmeAdmin.orgId, connectionId: id, trigger: 'scheduled', outcome: 'warning', results: [check], startedAt });
      await insertRun(old, new Date(Date.now() - 60_000));
      const before = bodyOf(await callApi('GET', `/connections/${id}/diagnostics`, { key: acmeKey })).run as Run;
      expect(before.checks[0]!.summary).toBe(old.summary);

      await insertRun(idle, new Date());
      const answer = await callApi('GET', `/connections/${id}/diagnostics`, { key: acmeKey });
      const [grant] = (bodyOf(answer).run as Run).checks;
      expect(grant!.summary).toBe(old.summary);
      expect(grant!.evidence.map((entry) => entry.answered)).toContain('Nov 13, 2026, 12:00 PM UTC');
      expect(JSON.stringify(bodyOf(answer))).not.toContain('{{time');
    });
  });

  describe('organization isolation', () => {
    it('gives another organization’s key 404 for everything about a connection, and changes nothing', async () => {
      const before = await allConnections();
      const attempts = [
        callApi('GET', `/connections/${acmeConnection}`, { key: globexKey }),
        callApi('PATCH', `/connections/${acmeConnection}`, { key: globexKey, body: { timeout_secs: 60 } }),
        callApi('PATCH', `/connections/${acmeConnection}`, { key: globexKey, body: { bogus: true } }),
        callApi('DELETE', `/connections/${acmeConnection}`, { key: globexKey }),
        callApi('GET', `/connections/${acmeConnection}/diagnostics`, { key: globexKey }),
        callApi('POST', `/connections/${acmeConnection}/diagnostics`, { key: globexKey }),
        callApi('POST', `/connections/${acmeConnection}/authorize-url`, { key: globexKey }),
      ];
      for (const answer of await Promise.all(attempts)) {
        expect(answer.status).toBe(404);
        expect(bodyOf(answer).error?.code).toBe('not_found');
      }
      const list = await callApi('GET', '/connections', { key: globexKey });
      expect((bodyOf(list).data as { organization_id: string }[]).every((c) => c.organization_id === globexAdmin.orgId)).toBe(true);
      expect(await allConnections()).toEqual(before);
    });
  });

  it('names what is wrong for a missing vendor and a mapping of the wrong type', async () => {
    const missing = await callApi('POST', '/connections', { key: acmeKey, body: {} });
    expect(bodyOf(missing).error).toMatchObject({ field: 'vendor', message: 'vendor: vendor is required (JIRA).' });
    const wrong = await callApi('POST', '/connections', { key: acmeKey, body: { vendor: 'JIRA', options: { status_mapping: 'Done=CLOSED' } } });
    expect(bodyOf(wrong).error).toMatchObject({
      field: 'options.status_mapping',
      message: 'options.status_mapping: The status mapping must be an object of Jira name → standard value, or a list of single-pair objects.',
    });
  });

  it('answers unknown /api/v1 paths with the JSON 404, for every method and without a key', async () => {
    const route = await import('@/app/api/v1/[...path]/route');
    for (const handler of [route.GET, route.POST, route.PUT, route.PATCH, route.DELETE, route.OPTIONS]) {
      const answer = await handler(new Request('http://portico.test/api/v1/nothing/here'), undefined);
      expect(answer.status).toBe(404);
      expect(await answer.json()).toMatchObject({ error: { code: 'not_found' } });
    }
  });

  it('answers the trivial ping route', async () => {
    expect(bodyOf(await callApi('GET', '/ping'))).toEqual({ ok: true });
  });

  it('reissues an authorize URL', async () => {
    const answer = await callApi('POST', `/connections/${acmeConnection}/authorize-url`, { key: acmeKey });
    expect(answer.status).toBe(201);
    expect(bodyOf(answer).oauth2_authorize_url).toMatch(/\/integrations\/jira\/authorize\//);
  });
});
