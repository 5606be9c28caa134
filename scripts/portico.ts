/**
 * Starts Portico: the embedded PostgreSQL and Atlassian sandbox when nothing else is configured,
 * migrations, demo data, then the job worker(s) and Next.js. `npm start` (production build) and
 * `npm run dev` call it.
 *
 *   tsx scripts/portico.ts start|dev [--port 3000] [--instances 1] [--workers 1]
 *   tsx scripts/portico.ts worker [--workers 1]
 *
 * --instances N starts N Next.js servers on consecutive ports, sharing the database and sandbox
 * (as several instances behind a load balancer would). Each listens on PORTICO_HOST (127.0.0.1 by default)
 * behind the forwarded-header front of scripts/next-server.ts. --workers N starts N job worker processes
 * (scripts/job-worker.ts) beside them; 0 when workers run elsewhere.
 *
 * `worker` starts only job workers, against the same DATABASE_URL (and environment) as the servers: how
 * Portico scales out to more machines. Without DATABASE_URL it joins the embedded default that a running
 * `npm start` wrote to PORTICO_DATA_DIR (worker-env.json).
 *
 * Environment: see the README. PORTICO_DATA_DIR (default .data) holds the embedded database and
 * generated secrets; PORTICO_FRESH=1 wipes it first (tests); PORTICO_LOG_FILE copies server output.
 */
import { spawn, type ChildProcess } from 'node:child_process';
import { createWriteStream, existsSync } from 'node:fs';
import { mkdir, readFile, rm, writeFile } from 'node:fs/promises';
import path from 'node:path';
import { parseArgs } from 'node:util';
import { ensureDatabase, startEmbeddedDatabase, type EmbeddedDatabase } from '../db/embedded';
import { runMigrations } from '../db/migrate';
import { DEMO_USERS, seedDemo } from '../db/seed-demo';
import { parseEnv, parseLaunchSettings, type LaunchSettings } from '../lib/config/env-schema';
import { loadOrCreateLocalSecrets } from './local-secrets';
import { startSandboxProcess } from './sandbox-process';

const { positionals, values } = parseArgs({
  allowPositionals: true,
  options: {
    port: { type: 'string', default: process.env.PORT ?? '3000' },
    instances: { type: 'string', default: '1' },
    workers: { type: 'string', default: '1' },
  },
});
const mode = positionals[0] === 'dev' ? 'dev' : positionals[0] === 'worker' ? 'worker' : 'start';
let launch: LaunchSettings;
try {
  launch = parseLaunchSettings({
    PORT: values.port,
    SANDBOX_PORT: process.env.SANDBOX_PORT,
    '--instances': values.instances,
    '--workers': values.workers,
  });
} catch (error) {
  console.error(error instanceof Error ? error.message : error);
  process.exit(2);
}
const port = launch.PORT;
const instances = mode === 'start' ? launch['--instances'] : 1;
const dataDir = path.resolve(process.env.PORTICO_DATA_DIR ?? '.data');
const cleanups: (() => Promise<unknown>)[] = [];
// The embedded default's environment, for `portico.ts worker` on this machine (git-ignored, owner-only).
const workerEnvFile = path.join(dataDir, 'worker-env.json');
const WORKER_ENV_KEYS = ['DATABASE_URL', 'AUTH_SECRET', 'PORTICO_ENCRYPTION_KEY', 'ATLASSIAN_CLIENT_ID', 'ATLASSIAN_CLIENT_SECRET', 'ATLASSIAN_AUTH_URL', 'ATLASSIAN_API_URL', 'PORTICO_BASE_URL'];

async function main() {
  if (mode === 'worker') return startWorkersOnly();
  if (process.env.PORTICO_FRESH === '1') await rm(dataDir, { recursive: true, force: true });
  await mkdir(dataDir, { recursive: true });
  if (process.env.PORTICO_LOG_FILE) await mkdir(path.dirname(path.resolve(process.env.PORTICO_LOG_FILE)), { recursive: true });
  const env: Record<string, string | undefined> = { ...process.env, PORT: String(port) };
  env.PORTICO_BASE_URL ??= `http://localhost:${port}`;

  const embedded = !env.DATABASE_URL;
  if (embedded) {
    const database: EmbeddedDatabase = await startEmbeddedDatabase(path.join(dataDir, 'postgres'));
    cleanups.push(() => database.stop());
    await ensureDatabase(database.adminUrl, 'portico');
    env.DATABASE_URL = database.urlFor('portico');
    // For the end-to-end fixtures and their final database scan: the local-only URL, in the git-ignored data folder.
    await writeFile(path.join(dataDir, 'database-url'), env.DATABASE_URL, { mode: 0o600 });
    const secrets = await loadOrCreateLocalSecrets(dataDir);
    env.AUTH_SECRET ??= secrets.AUTH_SECRET;
    env.PORTICO_ENCRYPTION_KEY ??= secrets.PORTICO_ENCRYPTION_KEY;
  }

  if (!env.ATLASSIAN_CLIENT_ID) {
    const sandbox = await startSandboxProcess({
      port: launch.SANDBOX_PORT,
      callbackUrl: `${env.PORTICO_BASE_URL}/api/integrations/jira/callback`,
      scenario: env.SANDBOX_SCENARIO,
    });
    cleanups.push(() => sandbox.stop());
    Object.assign(env, sandbox.portico);
  }

  const config = parseEnv(env);
  await runMigrations(config.DATABASE_URL);
  const seeded = embedded || config.PORTICO_SEED_DEMO === '1';
  if (seeded) await seedDemo(config.DATABASE_URL);
  if (embedded) {
    const shared = Object.fromEntries(WORKER_ENV_KEYS.filter((key) => env[key]).map((key) => [key, env[key]]));
    await writeFile(workerEnvFile, JSON.stringify(shared), { mode: 0o600 });
  }
  startWorkers(env, launch['--workers']);

  for (let instance = 0; instance < instances; instance += 1) {
    const instancePort = port + instance;
    // Not `next start`: the front in next-server.ts decides which forwarded headers to believe.
    const next = spawn(process.execPath, ['--import', 'tsx', path.resolve('scripts/next-server.ts'), mode], {
      env: { ...(env as NodeJS.ProcessEnv), PORT: String(instancePort) },
      stdio: ['ignore', 'pipe', 'pipe'],
    });
    pipeOutput(next);
    cleanups.unshift(() => stopChild(next));
    next.on('exit', (code) => void shutdown(code ?? 0));
  }
  const probeHost = ['0.0.0.0', '::'].includes(config.PORTICO_HOST) ? '127.0.0.1' : config.PORTICO_HOST;
  const probe = (instancePort: number) => `http://${probeHost.includes(':') ? `[${probeHost}]` : probeHost}:${instancePort}/sign-in`;
  for (let instance = 0; instance < instances; instance += 1) await waitForHttp(probe(port + instance));
  console.log(`\nPortico is running at ${config.PORTICO_BASE_URL}`);
  if (instances > 1) console.log(`  ${instances} instances on ports ${port}–${port + instances - 1}`);
  if (seeded) {
    for (const user of DEMO_USERS) console.log(`  Sign in as ${user.email} / ${user.password} (${user.role})`);
  }
  if (!process.env.ATLASSIAN_CLIENT_ID) console.log(`  Atlassian sandbox: ${config.ATLASSIAN_AUTH_URL}`);
}

/** Job worker processes; one that dies takes Portico down with it, as a Next.js server does. */
function startWorkers(env: Record<string, string | undefined>, count: number) {
  for (let index = 0; index < count; index += 1) {
    // react-server: the worker imports the app's server modules, which refuse to load anywhere else.
    const worker = spawn(process.execPath, ['--conditions=react-server', '--import', 'tsx', path.resolve('scripts/job-worker.ts')], {
      env: env as NodeJS.ProcessEnv,
      stdio: ['ignore', 'pipe', 'pipe'],
    });
    pipeOutput(worker);
    // Stopped before the database: running jobs finish (or go back to the queue) while it still answers.
    cleanups.unshift(() => stopChild(worker, 25_000));
    worker.on('exit', (code) => void shutdown(code ?? 0));
  }
}

async function startWorkersOnly() {
  const env: Record<string, string | undefined> = { ...process.env };
  if (!env.DATABASE_URL) {
    if (!existsSync(workerEnvFile)) {
      console.error(`Set DATABASE_URL (and the environment the servers run with), or start Portico with \`npm start\` first to join its embedded database (${workerEnvFile} not found).`);
      process.exit(2);
    }
    Object.assign(env, JSON.parse(await readFile(workerEnvFile, 'utf8')) as Record<string, string>);
  }
  const config = parseEnv(env);
  await runMigrations(config.DATABASE_URL);
  const count = Math.max(1, launch['--workers']);
  startWorkers(env, count);
  console.log(`\n${count} Portico job worker${count === 1 ? '' : 's'} running on ${new URL(config.DATABASE_URL).host}`);
}

function pipeOutput(child: ChildProcess) {
  const log = process.env.PORTICO_LOG_FILE ? createWriteStream(process.env.PORTICO_LOG_FILE, { flags: 'a' }) : undefined;
  for (const stream of [child.stdout, child.stderr]) {
    stream?.on('data', (chunk: Buffer) => {
      process.stdout.write(chunk);
      log?.write(chunk);
    });
  }
}

async function waitForHttp(url: string, timeoutMs = 120_000) {
  const deadline = Date.now() + timeoutMs;
  while (Date.now() < deadline) {
    try {
      const response = await fetch(url, { redirect: 'manual' });
      if (response.status < 500) return;
    } catch {
      // not listening yet
    }
    await new Promise((resolve) => setTimeout(resolve, 250));
  }
  throw new Error(`Portico did not answer on ${url} within ${timeoutMs / 1000}s`);
}

function stopChild(child: ChildProcess, graceMs = 5_000): Promise<void> {
  if (child.exitCode !== null) return Promise.resolve();
  return new Promise((resolve) => {
    // 'close', not 'exit': its last log lines are read from the pipes by then.
    child.once('close', () => resolve());
    child.kill('SIGTERM');
    setTimeout(() => child.kill('SIGKILL'), graceMs).unref();
  });
}

let stopping = false;
async function shutdown(code: number) {
  if (stopping) return;
  stopping = true;
  for (const cleanup of cleanups) await cleanup().catch(() => {});
  process.exit(code);
}

process.on('SIGINT', () => void shutdown(0));
process.on('SIGTERM', () => void shutdown(0));
main().catch(async (error: unknown) => {
  console.error(error instanceof Error ? error.message : error);
  await shutdown(1);
});
