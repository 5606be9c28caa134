// Benchmark (not a test): 10,000 connection events delivered as outbound webhooks to 5 endpoints, one of which fails.
// Run: npx tsx scripts/bench/outbound-webhooks.ts [--events 10000] [--rate 50] [--max-secs 600] [--modes none,500,hang] [--port 3300]
//
// In-process: a fresh embedded PostgreSQL (temporary folder, migrated) and 5 consumers, local HTTP servers on
// ports 3300-3304 (`--port`: the first) (PORTICO_WEBHOOKS_ALLOW_PRIVATE=1, the documented development mode). One worker child process
// (scripts/outbound-webhooks/worker-child.ts) with production settings runs the dispatcher and the deliveries.
// Five organizations with one endpoint each; the events go to them in turn (2,000 each), inserted through
// recordActivity() (the outbox, its NOTIFY waking the dispatcher) at `--rate` events a second (0: all at once).
// Endpoints 1-4 answer 204 (a sample of their deliveries is verified with the standardwebhooks package); endpoint
// 5 depends on the mode: `none` answers 204 too, `500` answers 500 at once, `hang` never answers (the delivery
// times out after 10 s, holding a worker slot). Each mode runs with new organizations, a new worker and an empty
// queue. Figures per mode:
// - deliveries/s: successful deliveries over the time from the first event to the last success;
// - queue depth each second (jobs due and waiting, running, scheduled for later, events not yet dispatched);
// - p50/p95/max latency from the event's creation (occurred_at) to its successful delivery, for endpoints 1-4
//   (healthy in every mode, so the modes compare like for like).
// A run stops when endpoints 1-4 have every event, or after --max-secs (what arrived by then is reported).
import { spawn, type ChildProcess } from 'node:child_process';
import { createServer, type Server } from 'node:http';
import os from 'node:os';
import { createInterface } from 'node:readline';
import { parseArgs } from 'node:util';
import { Webhook } from 'standardwebhooks';
import { startBenchEnvironment } from './bench-environment';
import { rerunAsReactServer } from './react-server';

rerunAsReactServer(import.meta.url);

const { values } = parseArgs({
  options: { events: { type: 'string' }, rate: { type: 'string' }, 'max-secs': { type: 'string' }, modes: { type: 'string' }, port: { type: 'string' } },
});
const EVENTS = Number(values.events ?? 10_000);
const RATE = Number(values.rate ?? 50);
const MAX_SECS = Number(values['max-secs'] ?? 600);
const MODES = (values.modes ?? 'none,500,hang').split(',') as FailingMode[];
const ENDPOINTS = 5;
const FIRST_PORT = Number(values.port ?? 3300);
const SAMPLE_VERIFIED = 20;

type FailingMode = 'none' | '500' | 'hang';

const sleep = (ms: number) => new Promise((resolve) => setTimeout(resolve, ms));
const quantile = (sorted: number[], q: number) => sorted[Math.min(sorted.length - 1, Math.floor(q * sorted.length))] ?? NaN;
const secs = (ms: number) => `${(ms / 1000).toFixed(2)} s`;

interface Consumer {
  /** First successful arrival of each webhook-id, ms since the epoch. */
  delivered: Map<string, number>;
  /** Requests answered with a failure or left hanging. */
  failedRequests: number;
  /** The endpoint's signing secret: a sample of deliveries is verified as it arrives (the verifier allows 5 min). */
  secret: string;
  verified: number;
  answer: 'ok' | 'fail' | 'hang';
  server: Server;
}

/** A consumer on a fixed port: answers 204, 500, or never (the socket stays open until Portico's timeout). */
async function startConsumer(port: number): Promise<Consumer> {
  const consumer: Consumer = { delivered: new Map(), failedRequests: 0, secret: '', verified: 0, answer: 'ok', server: undefined as unknown as Server };
  consumer.server = createServer((request, response) => {
    const chunks: Buffer[] = [];
    request.on('data', (chunk: Buffer) => chunks.push(chunk));
    request.on('end', () => {
      if (consumer.answer === 'hang') {
        consumer.failedRequests += 1;
        return;
      }
      if (consumer.answer === 'fail') {
        consumer.failedRequests += 1;
        response.writeHead(500).end();
        return;
      }
      const id = String(request.headers['webhook-id']);
      if (!consumer.delivered.has(id)) consumer.delivered.set(id, Date.now());
      if (consumer.verified < SAMPLE_VERIFIED) {
        // Throws (and ends the benchmark) on a signature the package's own verifier refuses.
        new Webhook(consumer.secret).verify(Buffer.concat(chunks).toString('utf8'), request.headers as Record<string, string>);
        consumer.verified += 1;
      }
      response.writeHead(204).end();
    });
  });
  await new Promise<void>((resolve, reject) => {
    consumer.server.once('error', reject);
    consumer.server.listen(port, '127.0.0.1', resolve);
  });
  return consumer;
}

function startWorkerProcess(): Promise<ChildProcess> {
  const child = spawn(process.execPath, ['--conditions=react-server', '--import', 'tsx', 'scripts/outbound-webhooks/worker-child.ts'], {
    env: { ...process.env, PORTICO_LOG_LEVEL: 'silent' },
    stdio: ['ignore', 'pipe', 'inherit'],
  });
  return new Promise((resolve) => createInterface({ input: child.stdout }).on('line', (line) => line === 'ready' && resolve(child)));
}

const stopChild = (child: ChildProcess) =>
  new Promise<void>((done) => {
    if (child.exitCode !== null) return done();
    child.once('exit', () => done());
    child.kill('SIGTERM');
  });

/** At most `points` values, one every `step` seconds, so a long run still prints on one line. */
function compactSeries(series: number[], points = 40): string {
  const step = Math.max(1, Math.ceil(series.length / points));
  const picked = series.filter((_, index) => index % step === 0);
  return `every ${step} s: ${picked.join(' ')}`;
}

async function main() {
  process.env.PORTICO_WEBHOOKS_ALLOW_PRIVATE = '1';
  const bench = await startBenchEnvironment('outbound-webhooks', 'default');
  const consumers: Consumer[] = [];
  let worker: ChildProcess | undefined;
  try {
    const { inArray, sql } = await import('drizzle-orm');
    const { getDb } = await import('@/db/client');
    const { connectionEvents, webhookEndpoints } = await import('@/db/schema');
    const { recordActivity } = await import('@/db/queries/connection-activity');
    const { createOrganization } = await import('@/tests/fixtures/organizations');
    const { createEndpoint } = await import('@/lib/outbound-webhooks/manage-endpoints');
    const { deliverWebhookJob } = await import('@/lib/outbound-webhooks/deliver-webhook');
    const db = getDb();
    for (let index = 0; index < ENDPOINTS; index += 1) consumers.push(await startConsumer(FIRST_PORT + index));
    const healthy = consumers.slice(0, ENDPOINTS - 1);
    const lines: string[] = [];

    for (const mode of MODES) {
      // A clean start: no job or endpoint of an earlier mode (its failing endpoint's retries) takes part.
      await db.execute(sql`delete from pgboss.job where name = ${deliverWebhookJob.name}`);
      await db.update(webhookEndpoints).set({ enabled: false });
      for (const consumer of consumers) {
        consumer.delivered.clear();
        consumer.failedRequests = 0;
        consumer.verified = 0;
        consumer.answer = 'ok';
      }
      consumers[ENDPOINTS - 1]!.answer = mode === 'none' ? 'ok' : mode === '500' ? 'fail' : 'hang';
      const orgs: string[] = [];
      for (let index = 0; index < ENDPOINTS; index += 1) {
        const org = await createOrganization(db, `Bench ${mode} ${index + 1}`, ['admin']);
        const created = await createEndpoint(
          org.orgId,
          { url: `http://127.0.0.1:${FIRST_PORT + index}/hook`, event_types: ['connection.created'], description: '' },
          { userId: org.admin.userId, apiKeyId: null },
        );
        if (!created.ok) throw new Error(created.problem.message);
        orgs.push(org.orgId);
        consumers[index]!.secret = created.secret;
      }
      worker = await startWorkerProcess();
      const loadBefore = os.loadavg()[0]!;

      const depth = { due: [] as number[], running: [] as number[], later: [] as number[], undispatched: [] as number[] };
      const healthyDelivered = () => healthy.reduce((sum, consumer) => sum + consumer.delivered.size, 0);
      const perEndpoint = EVENTS / ENDPOINTS;
      let sampling = true;
      const sampler = (async () => {
        while (sampling) {
          const [jobs] = await db.execute<{ due: number; running: number; later: number }>(sql`
            select count(*) filter (where state in ('created', 'retry') and start_after <= now())::int as due,
                   count(*) filter (where state = 'active')::int as running,
                   count(*) filter (where state in ('created', 'retry') and start_after > now())::int as later
              from pgboss.job where name = ${deliverWebhookJob.name}`);
          const [events] = await db.execute<{ n: number }>(sql`select count(*)::int as n from connection_events where dispatched_at is null`);
          depth.due.push(jobs!.due);
          depth.running.push(jobs!.running);
          depth.later.push(jobs!.later);
          depth.undispatched.push(events!.n);
          await sleep(1000);
        }
      })();

      // The events, in small transactions as changes happen, at an even rate (open loop).
      const started = Date.now();
      const perTick = RATE > 0 ? Math.max(1, Math.round(RATE / 20)) : 100;
      for (let sent = 0; sent < EVENTS; sent += perTick) {
        const count = Math.min(perTick, EVENTS - sent);
        await db.transaction((tx) =>
          recordActivity(
            tx,
            Array.from({ length: count }, (_, offset) => ({ organizationId: orgs[(sent + offset) % ENDPOINTS]!, connectionId: null, action: 'created_by_api', detail: {} })),
          ),
        );
        if (RATE > 0) {
          const wait = started + ((sent + count) * 1000) / RATE - Date.now();
          if (wait > 0) await sleep(wait);
        }
      }
      const insertSecs = (Date.now() - started) / 1000;
      while (healthyDelivered() < perEndpoint * healthy.length && Date.now() - started < MAX_SECS * 1000) await sleep(200);
      const elapsedMs = Date.now() - started;
      sampling = false;
      await sampler;
      await stopChild(worker);
      worker = undefined;

      const verified = consumers.reduce((sum, consumer) => sum + consumer.verified, 0);
      const occurred = new Map(
        (await db.select({ id: connectionEvents.id, at: connectionEvents.occurredAt }).from(connectionEvents).where(inArray(connectionEvents.organizationId, orgs))).map((row) => [
          row.id,
          row.at.getTime(),
        ]),
      );
      const latencies = healthy
        .flatMap((consumer) => [...consumer.delivered].map(([id, at]) => at - occurred.get(id)!))
        .filter(Number.isFinite)
        .sort((x, y) => x - y);
      const successes = consumers.reduce((sum, consumer) => sum + consumer.delivered.size, 0);
      const lastSuccess = Math.max(...consumers.flatMap((consumer) => [...consumer.delivered.values()]));
      const failing = consumers[ENDPOINTS - 1]!;
      const line =
        `failing endpoint: ${mode}. ${EVENTS.toLocaleString('en')} events inserted in ${insertSecs.toFixed(1)} s; ` +
        `${successes.toLocaleString('en')} successful deliveries in ${secs(lastSuccess - started)}: ${((successes * 1000) / (lastSuccess - started)).toFixed(0)} deliveries/s; ` +
        `endpoints 1-4 got ${healthyDelivered().toLocaleString('en')} of ${(perEndpoint * healthy.length).toLocaleString('en')}` +
        (elapsedMs >= MAX_SECS * 1000 ? ` (stopped after ${MAX_SECS} s)` : '') +
        `, latency p50 ${secs(quantile(latencies, 0.5))}, p95 ${secs(quantile(latencies, 0.95))}, max ${secs(latencies.at(-1) ?? NaN)}; ` +
        `endpoint 5 ${mode === 'none' ? `got ${failing.delivered.size.toLocaleString('en')}` : `refused or left hanging ${failing.failedRequests.toLocaleString('en')} requests`}; ` +
        `${verified} signatures verified; load ${loadBefore.toFixed(2)} → ${os.loadavg()[0]!.toFixed(2)}\n` +
        `  queue, due and waiting (${compactSeries(depth.due)})\n` +
        `  queue, running (${compactSeries(depth.running)})\n` +
        `  queue, scheduled for later (${compactSeries(depth.later)})\n` +
        `  events not yet dispatched (${compactSeries(depth.undispatched)})`;
      lines.push(line);
      console.error(line);
    }
    console.log(`\n${os.availableParallelism()} × ${os.cpus()[0]?.model ?? 'CPU'}, Node ${process.version}, 1 worker process; uptime: ${os.loadavg().map((n) => n.toFixed(2)).join(', ')}`);
    for (const line of lines) console.log(line);
  } finally {
    if (worker) await stopChild(worker);
    await Promise.all(consumers.map((consumer) => new Promise<void>((resolve) => (consumer.server.closeAllConnections(), consumer.server.close(() => resolve())))));
    await bench.close();
  }
}

await main();
process.exit(0);
