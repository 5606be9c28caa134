// Benchmark (not a test): the issue sync on big-site with a latency added to every Jira request.
// Run: npx tsx scripts/bench/sync.ts [--latency 100] [--projects 1050] [--scale-projects 200] [--renormalize 100000]
//      [--profile <dir>]: the workers write V8 CPU profiles (.cpuprofile) there, to see where a page's time goes.
//
// In-process: a fresh embedded PostgreSQL (temporary folder, migrated) and the Atlassian sandbox on
// `big-site` (1,050 projects, 100,697 issues the user can browse). The sync runs on real workers: child
// processes (scripts/sync/worker-child.ts) working the sync's pg-boss queues, whose RSS is reported.
// 1. Backfill of every visible issue (no project filter; `--projects N`: the first N projects) by one worker.
// 2. Incremental sync after 1,000 issues were edited in Jira ("Sync now" → poll done).
// 3. Re-normalization after a mapping save (the set-based UPDATE, no Jira call) of `--renormalize` tickets:
//    the backfilled ones, padded with copies under other issue ids when the backfill brought fewer.
// 4. Backfill of a `--scale-projects` filter by one worker, then by two workers on the same database
//    (two other organizations connecting the same site): the throughput ratio.
import { spawn, type ChildProcess } from 'node:child_process';
import { readFile } from 'node:fs/promises';
import os from 'node:os';
import path from 'node:path';
import { createInterface } from 'node:readline';
import { parseArgs } from 'node:util';
import { startBenchEnvironment } from './bench-environment';
import { connectThroughConsent } from './connect-through-consent';
import { rerunAsReactServer } from './react-server';

rerunAsReactServer(import.meta.url);

const { values } = parseArgs({
  options: {
    latency: { type: 'string' },
    projects: { type: 'string' },
    'scale-projects': { type: 'string' },
    renormalize: { type: 'string' },
    profile: { type: 'string' },
  },
});
const PROJECTS = values.projects === undefined ? null : Number(values.projects);
const RENORMALIZE = Number(values.renormalize ?? 100_000);
const LATENCY_MS = Number(values.latency ?? 100);
const SCALE_PROJECTS = Number(values['scale-projects'] ?? 200);
const PROFILE_ARGS = values.profile ? ['--cpu-prof', `--cpu-prof-dir=${path.resolve(values.profile)}`] : [];
const perThousand = (secs: number, issues: number) => ((secs * 1000) / issues).toFixed(2);
const mb = (bytes: number) => `${(bytes / 1024 / 1024).toFixed(0)} MB`;
/** CPU seconds (user + system) of the process `pid`, and of its children that ended, from /proc (Linux). */
async function cpuSecsOf(pid: number, withEndedChildren: boolean): Promise<number> {
  const stat = await readFile(`/proc/${pid}/stat`, 'utf8').catch(() => '');
  // Fields after the command name (which may hold spaces): utime is the 14th field, stime, cutime, cstime follow.
  const fields = stat.slice(stat.lastIndexOf(')') + 2).split(' ').map(Number);
  const [utime = 0, stime = 0, cutime = 0, cstime = 0] = fields.slice(11, 15);
  return (utime + stime + (withEndedChildren ? cutime + cstime : 0)) / CLOCK_TICKS;
}
const CLOCK_TICKS = 100;

/** Every PostgreSQL process of the embedded server: the postmaster, its live backends, and the backends that ended. */
async function postgresCpuSecs(dataDir: string): Promise<number> {
  const postmaster = Number((await readFile(path.join(dataDir, 'postmaster.pid'), 'utf8')).split('\n')[0]);
  const children = (await readFile(`/proc/${postmaster}/task/${postmaster}/children`, 'utf8').catch(() => '')).trim().split(' ').filter(Boolean);
  const secs = await Promise.all(children.map((pid) => cpuSecsOf(Number(pid), false)));
  return (await cpuSecsOf(postmaster, true)) + secs.reduce((sum, value) => sum + value, 0);
}

const sleep = (ms: number) => new Promise((resolve) => setTimeout(resolve, ms));

interface Worker {
  child: ChildProcess;
  rss: number[];
  /** CPU time (user + system, µs) the worker had spent at each rss sample. */
  cpu: number[];
  /** V8's heap (total, used) and memory outside it (Buffers), at each sample. */
  heap: { total: number; used: number; external: number }[];
  stop(): Promise<void>;
}

function startWorkerProcess(): Promise<Worker> {
  const child = spawn(process.execPath, [...PROFILE_ARGS, '--expose-gc', '--conditions=react-server', '--import', 'tsx', 'scripts/sync/worker-child.ts'], {
    env: { ...process.env, PORTICO_LOG_LEVEL: 'silent' },
    stdio: ['ignore', 'pipe', 'inherit'],
  });
  const rss: number[] = [];
  const cpu: number[] = [];
  const heap: Worker['heap'] = [];
  return new Promise((resolve) => {
    createInterface({ input: child.stdout }).on('line', (line) => {
      const [word, value, cpuMicros, heapTotal, heapUsed, external] = line.split(' ');
      if (word !== 'rss') return;
      rss.push(Number(value));
      cpu.push(Number(cpuMicros));
      heap.push({ total: Number(heapTotal), used: Number(heapUsed), external: Number(external) });
      if (rss.length === 1)
        resolve({
          child,
          rss,
          cpu,
          heap,
          stop: () =>
            new Promise<void>((done) => {
              child.once('exit', () => done());
              child.kill('SIGTERM');
            }),
        });
    });
  });
}

async function main() {
  const { BIG_CLOUD_ID } = await import('@/sandbox/world/big-site');
  const bench = await startBenchEnvironment('sync', 'big-site');
  const { app, control, postgresDataDir: pgDataDir } = bench;
  const workers: Worker[] = [];
  try {
    const jiraCount = async () => {
      const { requests } = await control<{ requests: Record<string, number> }>('counters');
      return Object.entries(requests)
        .filter(([route]) => !['token', 'authorize', 'accessible-resources', 'me'].includes(route))
        .reduce((sum, [, n]) => sum + n, 0);
    };

    const { eq, sql } = await import('drizzle-orm');
    const { getDb } = await import('@/db/client');
    const { jiraSyncStates, jiraTickets } = await import('@/db/schema');
    const { updateJiraConfig } = await import('@/db/queries/jira-config');
    const { renormalizeTickets } = await import('@/db/queries/jira-sync');
    const { requestSyncNow } = await import('@/lib/integrations/jira/sync/sync-controls');
    const db = getDb();
    const stateOf = async (connectionId: string) => (await db.select().from(jiraSyncStates).where(eq(jiraSyncStates.connectionId, connectionId)))[0];

    async function backfill(name: string, filter: string[], workerCount: number) {
      const { orgId, connectionId, admin } = await connectThroughConsent(name, BIG_CLOUD_ID, app.callbackUrl);
      await updateJiraConfig(orgId, connectionId, null, (config) => ({ ...config, projectFilter: filter }));
      while (workers.length < workerCount) workers.push(await startWorkerProcess());
      const rssStart = workers.map((worker) => worker.rss.at(-1) ?? 0);
      const sampleStart = workers.map((worker) => worker.rss.length);
      await control('counters/reset', {});
      const cpuStart = { workers: workers.map((worker) => worker.cpu.at(-1) ?? 0), postgres: await postgresCpuSecs(pgDataDir), bench: process.cpuUsage() };
      const started = performance.now();
      await requestSyncNow(orgId, connectionId, { userId: admin.userId, via: 'console' });
      for (;;) {
        const state = await stateOf(connectionId);
        if (state?.phase === 'incremental' && state.backfillCompletedAt) break;
        await sleep(250);
      }
      const secs = (performance.now() - started) / 1000;
      const [count] = await db.select({ n: sql<number>`count(*)::int` }).from(jiraTickets).where(eq(jiraTickets.connectionId, connectionId));
      const rssEnd = workers.map((worker) => worker.rss.at(-1) ?? 0);
      const benchCpu = process.cpuUsage(cpuStart.bench);
      // Where the CPU went: the workers (Portico), PostgreSQL, and this process (the sandbox, plus this loop's polling).
      const cpu = {
        workers: workers.reduce((sum, worker, index) => sum + ((worker.cpu.at(-1) ?? 0) - (cpuStart.workers[index] ?? 0)) / 1e6, 0),
        postgres: (await postgresCpuSecs(pgDataDir)) - cpuStart.postgres,
        sandbox: (benchCpu.user + benchCpu.system) / 1e6,
      };
      // The first worker's RSS at each quarter of the run: flat, or still growing at the end?
      const samples = workers[0]!.rss.slice(sampleStart[0]);
      const rssQuarters = [0.25, 0.5, 0.75].map((at) => samples[Math.floor(at * (samples.length - 1))] ?? 0);
      const heap = [workers[0]!.heap[sampleStart[0]! - 1], workers[0]!.heap.at(-1)];
      // What the worker keeps: its heap right after a full collection.
      const samples0 = workers[0]!.heap.length;
      workers[0]!.child.kill('SIGUSR2');
      while (workers[0]!.heap.length === samples0) await sleep(50);
      heap.push(workers[0]!.heap.at(-1));
      return { orgId, connectionId, admin, issues: count!.n, secs, requests: await jiraCount(), rssStart, rssEnd, rssQuarters, cpu, heap };
    }

    await control('knobs', { latencyMs: LATENCY_MS });
    const lines: string[] = [];

    // 1. Backfill of every visible issue (or of the first PROJECTS projects), one worker.
    const { refreshMetadata } = await import('@/lib/integrations/jira/metadata/metadata-cache');
    const setup = await connectThroughConsent('Bench setup', BIG_CLOUD_ID, app.callbackUrl);
    const allProjects = (await refreshMetadata(setup.orgId, setup.connectionId, { force: true }))!.projects.map((project) => project.key);
    const full = await backfill('Bench full', PROJECTS === null ? [] : allProjects.slice(0, PROJECTS), 1);
    lines.push(
      `Backfill, ${full.issues.toLocaleString('en')} issues (${PROJECTS ?? 'all'} projects), 1 worker: ${full.secs.toFixed(1)} s, ${(full.issues / full.secs).toFixed(0)} issues/s, ` +
        `${full.requests.toLocaleString('en')} Jira requests, worker RSS ${[full.rssStart[0]!, ...full.rssQuarters, full.rssEnd[0]!].map(mb).join(' → ')} (start, quarters, end); ` +
        `CPU per 1,000 issues: worker ${perThousand(full.cpu.workers, full.issues)} s, PostgreSQL ${perThousand(full.cpu.postgres, full.issues)} s, sandbox ${perThousand(full.cpu.sandbox, full.issues)} s`,
    );
    lines.push(
      `  of which V8 heap total ${full.heap.map((sample) => mb(sample?.total ?? 0)).join(' → ')}, heap used ${full.heap.map((sample) => mb(sample?.used ?? 0)).join(' → ')}, ` +
        `outside the heap (Buffers) ${full.heap.map((sample) => mb(sample?.external ?? 0)).join(' → ')} (start, end, end after a full GC)`,
    );
    console.error(lines.slice(-2).join('\n'));

    // 2. Incremental sync of 1,000 changed issues.
    const keys = (await db.select({ key: jiraTickets.key }).from(jiraTickets).where(eq(jiraTickets.connectionId, full.connectionId)).limit(1000)).map((row) => row.key);
    for (const key of keys) await control(`issues/${key}`, { summary: `Bench edit of ${key}` }, 'PATCH');
    const before = (await stateOf(full.connectionId))!.lastSuccessAt;
    await control('counters/reset', {});
    const pollStarted = performance.now();
    await requestSyncNow(full.orgId, full.connectionId, { userId: full.admin.userId, via: 'console' });
    for (;;) {
      const state = await stateOf(full.connectionId);
      if (state?.lastSuccessAt && (!before || state.lastSuccessAt > before)) break;
      await sleep(100);
    }
    const pollSecs = (performance.now() - pollStarted) / 1000;
    lines.push(`Incremental sync of ${keys.length.toLocaleString('en')} changed issues: ${pollSecs.toFixed(1)} s (Sync now → poll done), ${await jiraCount()} Jira requests`);
    console.error(lines.at(-1));

    // 3. Re-normalization after a mapping save, on RENORMALIZE tickets.
    const missing = RENORMALIZE - full.issues;
    if (missing > 0) {
      await db.execute(sql`
        insert into jira_tickets (organization_id, connection_id, external_id, key, project_id, project_key, title, status_id, status_name,
          status_category, priority_id, priority_name, issue_type_id, issue_type_name, standard_status, standard_priority, mapping_version,
          vendor_attributes, jira_created_at, jira_updated_at)
        select organization_id, connection_id, 'copy-' || n || '-' || external_id, key, project_id, project_key, title, status_id, status_name,
          status_category, priority_id, priority_name, issue_type_id, issue_type_name, standard_status, standard_priority, mapping_version,
          vendor_attributes, jira_created_at, jira_updated_at
        from jira_tickets, generate_series(1, ${Math.ceil(missing / full.issues)}) as n
        where connection_id = ${full.connectionId} limit ${missing}`);
      await db.execute(sql`analyze jira_tickets`);
    }
    const saved = await updateJiraConfig(full.orgId, full.connectionId, null, (config) => ({ ...config, statusMapping: { ...config.statusMapping, '1': 'BLOCKED' } }));
    if (!saved.ok) throw new Error('mapping save failed');
    // The save also queued the re-normalization job: the workers stop first, so the UPDATE timed here is not
    // racing the same UPDATE in a worker (row locks) nor sharing the CPUs with a poll. Step 4 starts them again.
    await Promise.all(workers.splice(0).map((worker) => worker.stop()));
    await control('counters/reset', {});
    const renormStarted = performance.now();
    const renormalized = await renormalizeTickets(full.orgId, full.connectionId);
    lines.push(
      `Re-normalization of ${renormalized.updated.toLocaleString('en')} tickets: ${((performance.now() - renormStarted) / 1000).toFixed(2)} s, ${await jiraCount()} Jira requests`,
    );
    console.error(lines.at(-1));

    // 4. One worker, then two, on a filter of SCALE_PROJECTS projects.
    const projects = allProjects.slice(0, SCALE_PROJECTS);
    const one = await backfill('Bench one worker', projects, 1);
    const two = await backfill('Bench two workers', projects, 2);
    const ratio = two.issues / two.secs / (one.issues / one.secs);
    lines.push(
      `Backfill of ${one.issues.toLocaleString('en')} issues (${projects.length} projects): 1 worker ${(one.issues / one.secs).toFixed(0)} issues/s, ` +
        `2 workers ${(two.issues / two.secs).toFixed(0)} issues/s: ratio ${ratio.toFixed(2)}`,
    );

    const cpus = os.cpus();
    console.log(`Machine: ${os.availableParallelism()} CPUs, ${cpus[0]?.model ?? 'unknown CPU'}, ${mb(os.totalmem())} RAM, Node ${process.version}`);
    console.log(`Sandbox big-site in the benchmark process, latencyMs=${LATENCY_MS} per Jira request; workers are child processes.\n`);
    for (const line of lines) console.log(line);
  } finally {
    await Promise.all(workers.map((worker) => worker.stop()));
    await bench.close();
  }
}

await main();
