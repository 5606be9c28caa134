import { sql } from 'drizzle-orm';
import { beforeAll, describe, expect, it } from 'vitest';
import type { CurrentMember } from '@/lib/auth/guards';
import { callApi } from '@/tests/api-client';
import { insertConnectedSite } from '@/tests/fixtures/jira-connections';
import { seedTickets } from '@/tests/fixtures/tickets';
import { createOrgMembers, setupJiraHarness } from '@/tests/jira-harness';

const harness = setupJiraHarness();
const { createApiKey } = await import('@/lib/api/keys/manage-keys');

type Ticket = Record<string, unknown> & { id: string; key: string; connection_id: string; status: string };
type Page = { data: Ticket[]; next_cursor: string | null };
type ErrorBody = { error: { code: string; field?: string; message: string } };

describe('/api/v1/tickets', () => {
  let acmeKey: string;
  let globexKey: string;
  let acmeSite: string;
  let acmeLabs: string;
  let globexSite: string;

  beforeAll(async () => {
    const db = harness.db();
    const [acme] = (await createOrgMembers(db, 'Acme', ['admin'])) as [CurrentMember];
    const [globex] = (await createOrgMembers(db, 'Globex', ['admin'])) as [CurrentMember];
    acmeKey = (await createApiKey(acme.orgId, acme.userId, 'Acme backend')).secret;
    globexKey = (await createApiKey(globex.orgId, globex.userId, 'Globex backend')).secret;
    acmeSite = await insertConnectedSite(db, acme.orgId, 'acme');
    acmeLabs = await insertConnectedSite(db, acme.orgId, 'acme-labs');
    globexSite = await insertConnectedSite(db, globex.orgId, 'globex');
    await seedTickets(db, { orgId: acme.orgId, connectionId: acmeSite, count: 300 });
    await seedTickets(db, { orgId: acme.orgId, connectionId: acmeLabs, count: 40, projects: ['LAB'] });
    await seedTickets(db, { orgId: globex.orgId, connectionId: globexSite, count: 120 });
    await db.execute(sql`update jira_tickets set deleted_at = now() where key = 'LAB-1'`);
  });

  async function everyPage(key: string, query: string): Promise<Ticket[]> {
    const tickets: Ticket[] = [];
    let cursor: string | null = null;
    do {
      const answer = await callApi('GET', `/tickets?${query}${cursor ? `&cursor=${cursor}` : ''}`, { key });
      expect(answer.status).toBe(200);
      const page = answer.body as Page;
      tickets.push(...page.data);
      cursor = page.next_cursor;
    } while (cursor);
    return tickets;
  }

  const count = async (where: ReturnType<typeof sql>) =>
    (await harness.db().execute<{ n: number }>(sql`select count(*)::int as n from jira_tickets where ${where}`))[0]!.n;

  it('pages through every current ticket of the key’s organization, in the documented shape', async () => {
    const tickets = await everyPage(acmeKey, 'limit=45');
    expect(tickets).toHaveLength(339);
    expect(new Set(tickets.map((t) => t.id)).size).toBe(339);
    expect(tickets.every((t) => t.connection_id === acmeSite || t.connection_id === acmeLabs)).toBe(true);
    const ops12 = tickets.find((t) => t.key === 'OPS-12')!;
    expect(ops12).toMatchObject({
      url: 'https://acme.atlassian.net/browse/OPS-12',
      title: 'Ticket 12: export issue',
      status: 'TODO',
      priority: 'MEDIUM',
      vendor_attributes: {
        status: { id: '10000', name: 'To Do', category: 'new' },
        priority: { id: '3', name: 'Medium' },
        issue_type: { id: '10004', name: 'Task' },
        project: { key: 'OPS' },
        fields: { issuetype: { name: 'Task' } },
      },
      assignee: { account_id: 'acct-5', name: 'Assignee 5' },
      reporter: { account_id: 'acct-reporter', name: 'Rita Reporter' },
      in_scope: true,
      deleted_at: null,
    });
    const updated = tickets.map((t) => Date.parse(t.updated_at as string));
    expect(updated).toEqual([...updated].sort((a, b) => b - a));
  });

  it('never returns another organization’s tickets, whatever the filters or ids', async () => {
    const globexTickets = await everyPage(globexKey, 'limit=200&include_deleted=true&include_out_of_scope=true');
    expect(globexTickets).toHaveLength(120);
    expect(globexTickets.every((t) => t.connection_id === globexSite)).toBe(true);
    expect(((await callApi('GET', `/tickets?connection_id=${acmeSite}`, { key: globexKey })).body as Page).data).toEqual([]);
    const acmeTicket = (await everyPage(acmeKey, 'q=OPS-12'))[0]!;
    const answer = await callApi('GET', `/tickets/${acmeTicket.id}`, { key: globexKey });
    expect(answer.status).toBe(404);
    expect((answer.body as ErrorBody).error.code).toBe('not_found');
    expect((await callApi('GET', `/tickets/${acmeTicket.id}`, { key: acmeKey })).body).toEqual(acmeTicket);
  });

  it.each([
    { query: () => `connection_id=${acmeLabs}`, where: () => sql`connection_id = ${acmeLabs} and deleted_at is null` },
    { query: () => 'status=TODO,CLOSED', where: () => sql`connection_id <> ${globexSite} and standard_status in ('TODO', 'CLOSED') and deleted_at is null` },
    { query: () => 'status=TODO&status=CLOSED', where: () => sql`connection_id <> ${globexSite} and standard_status in ('TODO', 'CLOSED') and deleted_at is null` },
    { query: () => 'priority=CRITICAL', where: () => sql`connection_id <> ${globexSite} and standard_priority = 'CRITICAL' and deleted_at is null` },
    { query: () => 'project_key=PLAT', where: () => sql`connection_id <> ${globexSite} and project_key = 'PLAT'` },
    { query: () => 'updated_since=2026-12-01T11:59:00Z', where: () => sql`connection_id <> ${globexSite} and jira_updated_at >= '2026-12-01T11:59:00Z' and deleted_at is null` },
    { query: () => `include_deleted=true&connection_id=${acmeLabs}`, where: () => sql`connection_id = ${acmeLabs}` },
    { query: () => 'q=billing', where: () => sql`connection_id <> ${globexSite} and title ilike '%billing%' and deleted_at is null` },
  ])('filters with $query', async ({ query, where }) => {
    const expected = await count(where());
    expect(expected).toBeGreaterThan(0);
    expect(await everyPage(acmeKey, `limit=100&${query()}`)).toHaveLength(expected);
  });

  it.each([
    { query: 'status=DONE', field: 'status' },
    { query: 'status=OPEN,', field: 'status' },
    { query: 'priority=URGENT', field: 'priority' },
    { query: 'connection_id=42', field: 'connection_id' },
    { query: 'project_key=ops', field: 'project_key' },
    { query: 'updated_since=yesterday', field: 'updated_since' },
    { query: 'updated_since=2026-12-01T00:00:00', field: 'updated_since' },
    { query: 'include_deleted=yes', field: 'include_deleted' },
    { query: 'limit=0', field: 'limit' },
    { query: 'limit=201', field: 'limit' },
    { query: 'limit=ten', field: 'limit' },
    { query: 'cursor=not-a-cursor', field: 'cursor' },
    { query: 'q=', field: 'q' },
    { query: 'sort=key', field: 'sort' },
    { query: 'project_key=OPS&project_key=PLAT', field: 'project_key' },
  ])('refuses $query with 422 naming $field', async ({ query, field }) => {
    const answer = await callApi('GET', `/tickets?${query}`, { key: acmeKey });
    expect(answer.status).toBe(422);
    expect((answer.body as ErrorBody).error).toMatchObject({ code: 'validation_failed', field });
    expect((answer.body as ErrorBody).error.message).toMatch(new RegExp(`^${field}: `));
  });

  it('reads one ticket, deleted ones too, and answers 404 for unknown ids', async () => {
    const [deleted] = await harness.db().execute<{ id: string }>(sql`select id from jira_tickets where key = 'LAB-1'`);
    const answer = await callApi('GET', `/tickets/${deleted!.id}`, { key: acmeKey });
    expect(answer.status).toBe(200);
    expect((answer.body as Ticket).deleted_at).toEqual(expect.any(String));
    for (const id of ['not-a-uuid', crypto.randomUUID()]) expect((await callApi('GET', `/tickets/${id}`, { key: acmeKey })).status).toBe(404);
  });

  it('needs a key', async () => {
    expect((await callApi('GET', '/tickets')).status).toBe(401);
    expect((await callApi('GET', `/tickets/${crypto.randomUUID()}`)).status).toBe(401);
  });
});
