// Benchmark (not a test): 1,000 Jira webhook deliveries in 10 s against one worker.
// Run: npx tsx scripts/bench/webhooks.ts [--deliveries 1000] [--seconds 10] [--runs 3]
//
// A fresh embedded PostgreSQL (temporary folder, migrated) and the Atlassian sandbox (for the consent that creates
// the connection) in this process, which sends the deliveries; the handler of POST /api/webhooks/jira
// (receiveDelivery, without Next's wrapper) behind node:http in a child process (scripts/webhooks/receiver-child.ts). One
// worker child process (scripts/webhooks/delivery-worker-child.ts, production settings) works the deliveries.
// Each run first creates the tickets (one delivery per issue, not timed), then sends `--deliveries`
// jira:issue_updated deliveries, one per issue, at an even rate over `--seconds` (open loop: a slow answer does
// not slow the sender), signed as Atlassian signs them (tests/jira-webhook-delivery.ts). Figures:
// - acknowledgement: request sent → HTTP answer (202) received, retries included (no answer or a non-2xx is
//   retried as Atlassian does, with the same identifier);
// - end-to-end: request sent → the ticket row carries the update (its last_synced_at, same machine clock);
// - lost: deliveries without an `applied` outcome, and tickets without the update, once the queue is empty.
import { spawn, type ChildProcess } from 'node:child_process';
import os from 'node:os';
import { createInterface } from 'node:readline';
import { startBenchEnvironment } from './bench-environment';
import { parseArgs } from 'node:util';
import { connectThroughConsent } from './connect-through-consent';
import { rerunAsReactServer } from './react-server';

rerunAsReactServer(import.meta.url);

const { values } = parseArgs({
  options: { deliveries: { type: 'string' }, seconds: { type: 'string' }, runs: { type: 'string' } },
});
const DELIVERIES = Number(values.deliveries ?? 1000);
const SECONDS = Number(values.seconds ?? 10);
const RUNS = Number(values.runs ?? 3);
const HOOK_ID = 10001;
const sleep = (ms: number) => new Promise((resolve) => setTimeout(resolve, ms));
const quantile = (sorted: number[], q: number) =>
  sorted[Math.min(sorted.length - 1, Math.floor(q * sorted.length))] ?? NaN;
const median = (list: number[]) => [...list].sort((x, y) => x - y)[Math.floor(list.length / 2)]!;
const ms = (value: number) => `${value.toFixed(0)} ms`;

function startWorkerProcess(): Promise<ChildProcess> {
  const child = spawn(
    process.execPath,
    ['--conditions=react-server', '--import', 'tsx', 'scripts/webhooks/delivery-worker-child.ts'],
    {
      env: { ...process.env, PORTICO_LOG_LEVEL: 'silent' },
      stdio: ['ignore', 'pipe', 'inherit'],
    },
  );
  return new Promise((resolve) =>
    createInterface({ input: child.stdout }).on('line', (line) => line === 'ready' && resolve(child)),
  );
}

async function main() {
  const { MAIN_CLOUD_ID } = await import('@/sandbox/world/default-sites');
  const bench = await startBenchEnvironment('webhooks', 'default');
  const { app } = bench;
  let worker: ChildProcess | undefined;
  let receiver: ChildProcess | undefined;
  try {
    const { and, eq, sql } = await import('drizzle-orm');
    const { getDb } = await import('@/db/client');
    const { jiraConnections, jiraTickets, jiraWebhookDeliveries, jiraWebhookRegistrations } =
      await import('@/db/schema');
    const { buildDelivery, issueJson } = await import('@/tests/jira-webhook-delivery');
    const db = getDb();

    const { orgId, connectionId } = await connectThroughConsent('Bench webhooks', MAIN_CLOUD_ID, app.callbackUrl);
    const [connection] = await db
      .select({ siteUrl: jiraConnections.siteUrl })
      .from(jiraConnections)
      .where(eq(jiraConnections.id, connectionId));
    await db.insert(jiraWebhookRegistrations).values({
      organizationId: orgId,
      connectionId,
      cloudId: MAIN_CLOUD_ID,
      jiraWebhookId: HOOK_ID,
      events: ['jira:issue_created', 'jira:issue_updated', 'jira:issue_deleted'],
      jqlFilter: 'project in (PLAT)',
      expiresAt: new Date(Date.now() + 30 * 86_400_000),
    });

    // The endpoint in a process of its own, as a Portico web process; this process is Atlassian, sending.
    receiver = spawn(
      process.execPath,
      ['--conditions=react-server', '--import', 'tsx', 'scripts/webhooks/receiver-child.ts'],
      {
        env: { ...process.env, PORTICO_LOG_LEVEL: 'silent' },
        stdio: ['ignore', 'pipe', 'inherit'],
      },
    );
    const port = await new Promise<string>((resolve) =>
      createInterface({ input: receiver!.stdout! }).on(
        'line',
        (line) => line.startsWith('port ') && resolve(line.slice(5)),
      ),
    );
    const endpoint = `http://127.0.0.1:${port}/api/webhooks/jira`;
    worker = await startWorkerProcess();
    const appKeys = { clientId: app.clientId, clientSecret: app.clientSecret };

    const drained = async (since: Date, expected: number) => {
      for (let i = 0; i < 1200; i += 1) {
        const [row] = await db
          .select({ n: sql<number>`count(*)::int` })
          .from(jiraWebhookDeliveries)
          .where(
            and(
              eq(jiraWebhookDeliveries.connectionId, connectionId),
              sql`${jiraWebhookDeliveries.receivedAt} >= ${since.toISOString()}::timestamptz`,
              sql`${jiraWebhookDeliveries.processedAt} is not null`,
            ),
          );
        if ((row?.n ?? 0) >= expected) return;
        await sleep(100);
      }
    };

    // As Atlassian does: an answer that is not 2xx, or no answer, is retried (here after 1, 2, 4, 8, 16 s), same identifier.
    const send = async (d: { headers: Record<string, string>; body: string }): Promise<{ status: number; retries: number }> => {
      for (let retry = 0; ; retry += 1) {
        const status = await fetch(endpoint, { method: 'POST', headers: { ...d.headers, 'x-atlassian-webhook-retry': String(retry) }, body: d.body }).then(
          async (answer) => (await answer.arrayBuffer(), answer.status),
          () => 0,
        );
        if ((status >= 200 && status < 300) || retry === 5) return { status, retries: retry };
        await sleep(1000 * 2 ** retry);
      }
    };
    let retried = 0;
    const lines: string[] = [];
    const results: {
      ackP50: number;
      ackP95: number;
      ackMax: number;
      e2eP50: number;
      e2eP95: number;
      e2eMax: number;
      lost: number;
      sendSecs: number;
      load: string;
    }[] = [];
    for (let run = 0; run < RUNS; run += 1) {
      retried = 0;
      const base = 100_000 + run * DELIVERIES;
      const created = new Date(Date.now() - 3_600_000);
      const issueAt = (n: number, updated: Date, summary: string) =>
        issueJson(connection!.siteUrl!, { id: String(base + n), key: `PLAT-${base + n}`, updated, created, summary });
      // The tickets exist first (not timed), so every timed delivery is an update of a stored ticket.
      const setupStart = new Date();
      const setup = await Promise.all(
        Array.from({ length: DELIVERIES }, (_, n) =>
          buildDelivery({
            app: appKeys,
            event: 'jira:issue_created',
            issue: issueAt(n, created, 'Before'),
            matchedWebhookIds: [HOOK_ID],
          }),
        ),
      );
      for (let i = 0; i < setup.length; i += 50)
        await Promise.all(
          setup.slice(i, i + 50).map((d) => send(d)),
        );
      await drained(setupStart, DELIVERIES);

      // Service time: one delivery at a time (a retry of a stored one answers after the same checks).
      const serial: number[] = [];
      for (const d of setup.slice(0, 100)) {
        const t0 = performance.now();
        await (await fetch(endpoint, { method: 'POST', headers: d.headers, body: d.body })).arrayBuffer();
        serial.push(performance.now() - t0);
      }
      serial.sort((x, y) => x - y);
      console.error(`one at a time (100 retries): p50 ${ms(quantile(serial, 0.5))}, p95 ${ms(quantile(serial, 0.95))}`);

      const updated = new Date();
      const deliveries = await Promise.all(
        Array.from({ length: DELIVERIES }, (_, n) =>
          buildDelivery({
            app: appKeys,
            event: 'jira:issue_updated',
            issue: issueAt(n, updated, `Run ${run} update`),
            matchedWebhookIds: [HOOK_ID],
          }),
        ),
      );
      const loadBefore = os.loadavg()[0]!;
      const sentAt: number[] = new Array<number>(DELIVERIES);
      const ackMs: number[] = [];
      const statuses = new Map<number, number>();
      const started = performance.now();
      const startedWall = new Date();
      const pending: Promise<void>[] = [];
      for (let n = 0; n < DELIVERIES; n += 1) {
        const due = (n * SECONDS * 1000) / DELIVERIES;
        const wait = due - (performance.now() - started);
        if (wait > 0) await sleep(wait);
        const delivery = deliveries[n]!;
        sentAt[n] = Date.now();
        const t0 = performance.now();
        pending.push(
          send(delivery).then(({ status, retries }) => {
            ackMs.push(performance.now() - t0);
            statuses.set(status, (statuses.get(status) ?? 0) + 1);
            retried += retries;
          }),
        );
      }
      await Promise.all(pending);
      const sendSecs = (performance.now() - started) / 1000;
      await drained(startedWall, DELIVERIES);
      const rows = await db
        .select({
          externalId: jiraTickets.externalId,
          title: jiraTickets.title,
          lastSyncedAt: jiraTickets.lastSyncedAt,
        })
        .from(jiraTickets)
        .where(
          and(
            eq(jiraTickets.connectionId, connectionId),
            sql`${jiraTickets.externalId}::bigint >= ${base}`,
            sql`${jiraTickets.externalId}::bigint < ${base + DELIVERIES}`,
          ),
        );
      const e2e = rows
        .filter((row) => row.title === `Run ${run} update`)
        .map((row) => row.lastSyncedAt.getTime() - sentAt[Number(row.externalId) - base]!);
      const [applied] = await db
        .select({ n: sql<number>`count(*)::int` })
        .from(jiraWebhookDeliveries)
        .where(
          and(
            eq(jiraWebhookDeliveries.connectionId, connectionId),
            eq(jiraWebhookDeliveries.outcome, 'applied'),
            sql`${jiraWebhookDeliveries.receivedAt} >= ${startedWall.toISOString()}::timestamptz`,
          ),
        );
      const ack = [...ackMs].sort((x, y) => x - y);
      const delay = [...e2e].sort((x, y) => x - y);
      const lost = DELIVERIES - Math.min(e2e.length, applied?.n ?? 0);
      const load = `${loadBefore.toFixed(2)} → ${os.loadavg()[0]!.toFixed(2)}`;
      results.push({
        ackP50: quantile(ack, 0.5),
        ackP95: quantile(ack, 0.95),
        ackMax: ack.at(-1)!,
        e2eP50: quantile(delay, 0.5),
        e2eP95: quantile(delay, 0.95),
        e2eMax: delay.at(-1)!,
        lost,
        sendSecs,
        load,
      });
      lines.push(
        `Run ${run + 1}: ${DELIVERIES} deliveries sent in ${sendSecs.toFixed(1)} s (final answers ${JSON.stringify(Object.fromEntries(statuses))}, ${retried} retries); ` +
          `acknowledgement p50 ${ms(quantile(ack, 0.5))}, p95 ${ms(quantile(ack, 0.95))}, max ${ms(ack.at(-1)!)}; ` +
          `end-to-end p50 ${ms(quantile(delay, 0.5))}, p95 ${ms(quantile(delay, 0.95))}, max ${ms(delay.at(-1)!)}; lost ${lost}; load ${load}`,
      );
      console.error(lines.at(-1));
    }
    console.log(`\n${os.cpus().length} × ${os.cpus()[0]?.model ?? 'CPU'}, Node ${process.version}, 1 worker process`);
    for (const line of lines) console.log(line);
    console.log(
      `Median of ${RUNS} runs: acknowledgement p95 ${ms(median(results.map((r) => r.ackP95)))}, end-to-end p95 ${ms(median(results.map((r) => r.e2eP95)))}, ` +
        `lost ${results.reduce((sum, r) => sum + r.lost, 0)} of ${RUNS * DELIVERIES}`,
    );
  } finally {
    if (worker)
      await new Promise<void>((done) => {
        worker!.once('exit', () => done());
        worker!.kill('SIGTERM');
      });
    if (receiver)
      await new Promise<void>((done) => {
        receiver!.once('exit', () => done());
        receiver!.kill('SIGTERM');
      });
    await bench.close();
  }
}

await main();
process.exit(0);
