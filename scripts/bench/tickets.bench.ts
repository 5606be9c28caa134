/**
 * Benchmark (not a test): the Tickets page's data and GET /api/v1/tickets at 100,000 synced tickets. Run through
 * `npx tsx scripts/bench/tickets.ts [--tickets 100000] [--runs 40] [--explain]`, which starts this file under
 * Vitest (the test harness's embedded PostgreSQL and aliases: route handlers import Next modules that cannot load
 * under the react-server condition a plain script needs for `server-only`).
 *
 * One organization with 100,000 tickets over two connections (80,000 + 20,000) and a second organization with
 * 20,000 more (so the organization filter matters), seeded set-based and ANALYZEd. Then, per scenario, `runs`
 * timed calls of
 *  - the Tickets page's loader (lib/tickets/load-tickets-page.ts: one page of 50, the capped count, the
 *    connections and their projects, each connection's sync state), exactly what the page awaits, and
 *  - the GET /api/v1/tickets route handler (API key, rate limit, query parsing, the list, serialization), called
 *    with a Request as Next calls it.
 * Server time only: no browser, no network, no React render. Prints p50 and p95 per scenario; --explain adds
 * the list query's plan (EXPLAIN ANALYZE) per scenario. Asserts nothing about time.
 */
import { randomBytes } from 'node:crypto';
import os from 'node:os';
import { sql } from 'drizzle-orm';
import { it } from 'vitest';
import { getDb } from '@/db/client';
import { listTickets, listTicketsQuery } from '@/db/queries/jira-tickets';
import { createApiKey } from '@/lib/api/keys/manage-keys';
import { encodeTicketCursor } from '@/lib/tickets/ticket-cursor';
import type { TicketFilters } from '@/lib/tickets/ticket-filters';
import { loadTicketsPage } from '@/lib/tickets/load-tickets-page';
import { parseTicketPageParams, type TicketPageQuery } from '@/lib/tickets/ticket-page-params';
import * as ticketsRoute from '@/app/api/v1/tickets/route';
import { setupTestDatabase } from '@/tests/database';
import { insertConnectedSite } from '@/tests/fixtures/jira-connections';
import { createOrganization } from '@/tests/fixtures/organizations';
import { seedTickets } from '@/tests/fixtures/tickets';

const TICKETS = Number(process.env.BENCH_TICKETS ?? 100_000);
const RUNS = Number(process.env.BENCH_RUNS ?? 40);
const EXPLAIN = process.env.BENCH_EXPLAIN === '1';

Object.assign(process.env, {
  PORTICO_BASE_URL: 'http://portico.bench',
  PORTICO_ENCRYPTION_KEY: `kid1:${randomBytes(32).toString('base64')}`,
  AUTH_SECRET: randomBytes(33).toString('base64'),
  PORTICO_API_RATE_LIMIT_PER_MINUTE: '1000000',
  PORTICO_LOG_LEVEL: 'silent',
});
setupTestDatabase();

const percentile = (xs: number[], p: number) => [...xs].sort((a, b) => a - b)[Math.min(xs.length - 1, Math.floor((xs.length * p) / 100))] ?? 0;

it('prints p50 and p95 of the Tickets page data and GET /api/v1/tickets', { timeout: 1_800_000 }, async () => {
  const db = getDb();

  const seeding = performance.now();
  const bench = await createOrganization(db, 'Bench', ['admin']);
  const other = await createOrganization(db, 'Other', ['admin']);
  const main = await insertConnectedSite(db, bench.orgId, 'bench');
  const second = await insertConnectedSite(db, bench.orgId, 'bench-labs');
  const otherSite = await insertConnectedSite(db, other.orgId, 'other');
  const mainCount = Math.round(TICKETS * 0.8);
  await seedTickets(db, { orgId: bench.orgId, connectionId: main, count: mainCount, projects: ['OPS', 'PLAT', 'MOB', 'WEB', 'DATA'] });
  await seedTickets(db, { orgId: bench.orgId, connectionId: second, count: TICKETS - mainCount, projects: ['LAB'], from: mainCount + 1 });
  await seedTickets(db, { orgId: other.orgId, connectionId: otherSite, count: 20_000 });
  // A rare status: 0.1% BLOCKED, the case where a filter keeps few rows of a long index walk.
  await db.execute(sql`update jira_tickets set standard_status = 'BLOCKED' where organization_id = ${bench.orgId} and external_id::int % 1000 = 7`);
  await db.execute(sql`vacuum analyze jira_tickets`);
  console.error(`seeded ${TICKETS + 20_000} tickets in ${((performance.now() - seeding) / 1000).toFixed(1)} s`);
  const key = (await createApiKey(bench.orgId, bench.admin.userId, 'bench')).secret;

  // A cursor 40 pages deep, as a reader paging far back would hold.
  let deep = await listTickets(bench.orgId, {}, null, 50);
  for (let page = 0; page < 40 && deep.next; page += 1) deep = await listTickets(bench.orgId, {}, { direction: 'after', key: deep.next }, 50);
  const deepCursor = encodeTicketCursor(deep.next!);

  const scenarios: { name: string; page: Record<string, string>; api: string }[] = [
    { name: 'first page, no filter', page: {}, api: '' },
    { name: 'page 41 (cursor)', page: { after: deepCursor }, api: `cursor=${deepCursor}` },
    { name: 'one connection', page: { connection: second }, api: `connection_id=${second}` },
    { name: 'project', page: { project: 'PLAT' }, api: 'project_key=PLAT' },
    { name: 'standard status', page: { status: 'IN_PROGRESS' }, api: 'status=IN_PROGRESS' },
    { name: 'rare status (0.1%)', page: { status: 'BLOCKED' }, api: 'status=BLOCKED' },
    { name: 'priority + status', page: { status: 'TODO', priority: 'CRITICAL' }, api: 'status=TODO&priority=CRITICAL' },
    { name: 'updated in the last hour', page: { from: '2026-12-01T11:00:00Z' }, api: 'updated_since=2026-12-01T11:00:00Z' },
    { name: 'search a word of the summary', page: { q: 'invoice' }, api: 'q=invoice' },
    { name: 'search a key', page: { q: 'PLAT-4241' }, api: 'q=PLAT-4241' },
    { name: 'search with no match', page: { q: 'zzzzqx' }, api: 'q=zzzzqx' },
  ];

  type Row = { name: string; page: number[]; api: number[]; shown: number };
  const rows: Row[] = [];
  for (const scenario of scenarios) {
    const query = parseTicketPageParams(scenario.page);
    const request = () => new Request(`http://portico.bench/api/v1/tickets?${scenario.api}`, { headers: { authorization: `Bearer ${key}` } });
    const row: Row = { name: scenario.name, page: [], api: [], shown: 0 };
    for (let run = 0; run < RUNS + 3; run += 1) {
      let started = performance.now();
      const data = await loadTicketsPage(bench.orgId, query);
      const pageMs = performance.now() - started;
      started = performance.now();
      const response = await ticketsRoute.GET(request(), { params: Promise.resolve({}) });
      const body = (await response.json()) as { data: unknown[] };
      const apiMs = performance.now() - started;
      if (response.status !== 200) throw new Error(`${scenario.name}: HTTP ${response.status}`);
      row.shown = data.page.tickets.length;
      if (body.data.length !== row.shown) throw new Error(`${scenario.name}: the page and the API disagree`);
      // The first runs fill caches and the pool: not counted.
      if (run >= 3) {
        row.page.push(pageMs);
        row.api.push(apiMs);
      }
    }
    rows.push(row);
    if (EXPLAIN) {
      const plan = await explain(db, bench.orgId, query.filters, query.page);
      console.log(`\n--- ${scenario.name}\n${plan}`);
    }
  }

  const cpus = os.cpus();
  console.log(`\nMachine: ${os.availableParallelism()} CPUs, ${cpus[0]?.model ?? 'unknown CPU'}, ${(os.totalmem() / 2 ** 30).toFixed(0)} GiB RAM, Node ${process.version}; load average ${os.loadavg().map((n) => n.toFixed(1)).join(' ')}`);
  console.log(`${TICKETS.toLocaleString('en')} tickets in the organization (+20,000 in another), ${RUNS} timed runs per scenario, sequential\n`);
  console.log(['scenario'.padEnd(32), 'rows'.padStart(5), 'page p50'.padStart(10), 'page p95'.padStart(10), 'API p50'.padStart(10), 'API p95'.padStart(10)].join(''));
  for (const row of rows) {
    console.log(
      [
        row.name.padEnd(32),
        String(row.shown).padStart(5),
        `${percentile(row.page, 50).toFixed(1)} ms`.padStart(10),
        `${percentile(row.page, 95).toFixed(1)} ms`.padStart(10),
        `${percentile(row.api, 50).toFixed(1)} ms`.padStart(10),
        `${percentile(row.api, 95).toFixed(1)} ms`.padStart(10),
      ].join(''),
    );
  }

});

/** The list query's plan, as listTickets builds it (drizzle's SQL for the same filters, under EXPLAIN). */
async function explain(db: ReturnType<typeof getDb>, orgId: string, filters: TicketFilters, page: TicketPageQuery['page']) {
  const built = listTicketsQuery(orgId, filters, page, 50).toSQL();
  const text = built.sql.replace(/\$(\d+)/g, (_match, index: string) => {
    const value = built.params[Number(index) - 1];
    return typeof value === 'number' ? String(value) : `'${String(value).replace(/'/g, "''")}'`;
  });
  const rows = await db.execute<{ 'QUERY PLAN': string }>(sql.raw(`explain (analyze, buffers, costs off) ${text}`));
  return rows.map((row) => row['QUERY PLAN']).join('\n');
}
