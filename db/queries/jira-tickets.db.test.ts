import { sql } from 'drizzle-orm';
import { beforeAll, describe, expect, it } from 'vitest';
import type { TicketFilters } from '@/lib/tickets/ticket-filters';
import { setupTestDatabase } from '@/tests/database';
import { createOrganization } from '@/tests/fixtures/organizations';
import { insertConnectedSite } from '@/tests/fixtures/jira-connections';
import { SEED_PRIORITIES, SEED_STATUSES, seedTickets } from '@/tests/fixtures/tickets';
import { countTickets, countTicketsByJiraValue, getTicket, listTicketProjects, listTickets } from './jira-tickets';

const database = setupTestDatabase();

describe('jira-tickets queries', () => {
  let acme: string;
  let globex: string;
  let ops: string; // Acme, 600 tickets in OPS/PLAT/MOB
  let labs: string; // Acme, 150 tickets in LAB
  let globexSite: string; // Globex, 200 tickets in OPS/PLAT/MOB (same keys as Acme's!)

  beforeAll(async () => {
    const db = database.db();
    acme = (await createOrganization(db, 'Acme')).orgId;
    globex = (await createOrganization(db, 'Globex')).orgId;
    ops = await insertConnectedSite(db, acme, 'acme');
    labs = await insertConnectedSite(db, acme, 'acme-labs');
    globexSite = await insertConnectedSite(db, globex, 'globex');
    await seedTickets(db, { orgId: acme, connectionId: ops, count: 600 });
    await seedTickets(db, { orgId: acme, connectionId: labs, count: 150, projects: ['LAB'], newest: new Date('2026-11-30T12:00:00Z'), tie: 1 });
    await seedTickets(db, { orgId: globex, connectionId: globexSite, count: 200 });
  });

  /** Every page from the start, following `next`, as ids. */
  async function walk(orgId: string, filters: TicketFilters, limit: number) {
    const ids: string[] = [];
    let page = await listTickets(orgId, filters, null, limit);
    ids.push(...page.tickets.map((ticket) => ticket.id));
    while (page.next) {
      page = await listTickets(orgId, filters, { direction: 'after', key: page.next }, limit);
      ids.push(...page.tickets.map((ticket) => ticket.id));
    }
    return ids;
  }

  const idsWhere = async (condition: ReturnType<typeof sql>) =>
    (await database.db().execute<{ id: string }>(sql`select id from jira_tickets where ${condition} order by jira_updated_at desc, id`)).map((row) => row.id);

  it('pages through every current ticket of the organization exactly once, newest first, across tied update times', async () => {
    const ids = await walk(acme, {}, 7); // 7 does not divide the 3-ticket ties: pages end inside them
    expect(ids).toHaveLength(750);
    expect(new Set(ids).size).toBe(750);
    expect(ids).toEqual(await idsWhere(sql`organization_id = ${acme}`));
  });

  it('goes back with `before` to exactly the page it came from', async () => {
    const first = await listTickets(acme, {}, null, 10);
    const second = await listTickets(acme, {}, { direction: 'after', key: first.next! }, 10);
    const back = await listTickets(acme, {}, { direction: 'before', key: second.previous! }, 10);
    expect(back.tickets.map((t) => t.id)).toEqual(first.tickets.map((t) => t.id));
    expect(back.previous).toBeNull();
    expect(back.next).toEqual(first.next);
    expect(first.previous).toBeNull();
  });

  it('never shows another organization’s tickets, even given its connection or ticket id', async () => {
    const globexIds = new Set(await idsWhere(sql`organization_id = ${globex}`));
    expect(globexIds.size).toBe(200);
    const acmeSeen = await walk(acme, { includeDeleted: true, includeOutOfScope: true }, 100);
    expect(acmeSeen.filter((id) => globexIds.has(id))).toEqual([]);
    expect((await listTickets(acme, { connectionId: globexSite }, null, 50)).tickets).toEqual([]);
    expect((await listTickets(acme, { search: 'OPS-3' }, null, 50)).tickets.every((t) => t.connectionId === ops)).toBe(true);
    expect(await getTicket(acme, [...globexIds][0]!)).toBeUndefined();
    expect(await countTicketsByJiraValue(acme, globexSite)).toEqual({ statuses: {}, priorities: {} });
    expect((await countTickets(acme, { connectionId: globexSite })).count).toBe(0);
    expect((await listTicketProjects(acme)).map((p) => p.connectionId)).not.toContain(globexSite);
  });

  // Functions: the connection ids exist only once beforeAll ran.
  it.each<{ name: string; filters: () => TicketFilters; where: () => ReturnType<typeof sql> }>([
    { name: 'connection', filters: () => ({ connectionId: labs }), where: () => sql`connection_id = ${labs}` },
    { name: 'project', filters: () => ({ projectKey: 'PLAT' }), where: () => sql`project_key = 'PLAT'` },
    { name: 'standard status', filters: () => ({ statuses: ['TODO', 'PENDING'] }), where: () => sql`standard_status in ('TODO', 'PENDING')` },
    { name: 'standard priority', filters: () => ({ priorities: ['CRITICAL'] }), where: () => sql`standard_priority = 'CRITICAL'` },
    {
      name: 'updated range',
      filters: () => ({ updatedFrom: new Date('2026-12-01T11:55:00Z'), updatedTo: new Date('2026-12-01T11:58:00Z') }),
      where: () => sql`jira_updated_at >= '2026-12-01T11:55:00Z' and jira_updated_at < '2026-12-01T11:58:00Z'`,
    },
    { name: 'summary words, any case', filters: () => ({ search: 'BILLING' }), where: () => sql`title ilike '%billing%'` },
    { name: 'a whole key, that issue only', filters: () => ({ search: 'ops-12' }), where: () => sql`key = 'OPS-12'` },
    { name: 'part of a key', filters: () => ({ search: 'b-14' }), where: () => sql`key like '%B-14%'` },
    { name: 'several at once', filters: () => ({ connectionId: ops, projectKey: 'MOB', statuses: ['CLOSED'], priorities: ['HIGH', 'LOW'] }), where: () => sql`connection_id = ${ops} and project_key = 'MOB' and standard_status = 'CLOSED' and standard_priority in ('HIGH', 'LOW')` },
  ])('filters by $name', async ({ filters: filtersOf, where }) => {
    const filters = filtersOf();
    const expected = await idsWhere(sql`organization_id = ${acme} and ${where()}`);
    expect(expected.length).toBeGreaterThan(0);
    expect(await walk(acme, filters, 25)).toEqual(expected);
    expect(await countTickets(acme, filters)).toEqual({ count: expected.length, capped: false });
  });

  it('treats LIKE wildcards in a search as plain characters', async () => {
    expect((await listTickets(acme, { search: '%' }, null, 10)).tickets).toEqual([]);
    expect((await listTickets(acme, { search: '_' }, null, 10)).tickets).toEqual([]);
  });

  it('leaves out deleted and out-of-scope tickets unless asked', async () => {
    const [deleted] = await database.db().execute<{ id: string }>(sql`update jira_tickets set deleted_at = now() where key = 'LAB-1' returning id`);
    const [moved] = await database.db().execute<{ id: string }>(sql`update jira_tickets set in_scope = false where key = 'LAB-2' returning id`);
    const current = await walk(acme, { connectionId: labs }, 100);
    expect(current).toHaveLength(148);
    expect(current).not.toContain(deleted!.id);
    expect(current).not.toContain(moved!.id);
    expect(await walk(acme, { connectionId: labs, includeDeleted: true }, 100)).toContain(deleted!.id);
    expect(await walk(acme, { connectionId: labs, includeOutOfScope: true }, 100)).toContain(moved!.id);
    expect((await getTicket(acme, deleted!.id))?.deletedAt).toBeInstanceOf(Date);
    await database.db().execute(sql`update jira_tickets set deleted_at = null, in_scope = true where key in ('LAB-1', 'LAB-2')`);
  });

  it('reads one ticket with its site, raw and standard values', async () => {
    const [row] = await idsWhere(sql`key = 'OPS-12' and connection_id = ${ops}`);
    expect(await getTicket(acme, row!)).toMatchObject({
      key: 'OPS-12',
      siteUrl: 'https://acme.atlassian.net',
      statusId: SEED_STATUSES[0].id,
      standardStatus: 'TODO',
      priorityName: SEED_PRIORITIES[2].name,
      standardPriority: 'MEDIUM',
      vendorAttributes: { project: { key: 'OPS' } },
    });
    expect(await getTicket(acme, 'not-a-uuid')).toBeUndefined();
  });

  it('counts current tickets per Jira status and priority id', async () => {
    const counts = await countTicketsByJiraValue(acme, ops);
    expect(counts.statuses).toEqual({ '10000': 150, '10001': 150, '10002': 150, '10003': 150 });
    expect(counts.priorities).toEqual({ '1': 120, '2': 120, '3': 120, '4': 120, '5': 120 });
  });

  it('caps the count of a large result', async () => {
    expect(await countTickets(acme, {}, 100)).toEqual({ count: 100, capped: true });
  });

  it('lists each connection’s projects once', async () => {
    expect(await listTicketProjects(acme)).toEqual([
      { connectionId: labs, projectKey: 'LAB' },
      { connectionId: ops, projectKey: 'MOB' },
      { connectionId: ops, projectKey: 'OPS' },
      { connectionId: ops, projectKey: 'PLAT' },
    ]);
  });
});
