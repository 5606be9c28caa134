/**
 * Starts Portico: the embedded PostgreSQL and Atlassian sandbox when nothing else is configured,
 * migrations, demo data, then Next.js. `npm start` (production build) and `npm run dev` call it.
 *
 *   tsx scripts/portico.ts start|dev [--port 3000] [--instances 1]
 *
 * --instances N starts N Next.js servers on consecutive ports, sharing the database and sandbox
 * (as several instances behind a load balancer would). Each listens on PORTICO_HOST (127.0.0.1 by default)
 * behind the forwarded-header front of scripts/next-server.ts.
 *
 * Environment: see the README. PORTICO_DATA_DIR (default .data) holds the embedded database and
 * generated secrets; PORTICO_FRESH=1 wipes it first (tests); PORTICO_LOG_FILE copies server output.
 */
import { spawn, type ChildProcess } from 'node:child_process';
import { createWriteStream } from 'node:fs';
import { mkdir, rm, writeFile } from 'node:fs/promises';
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
  },
});
const mode = positionals[0] === 'dev' ? 'dev' : 'start';
let launch: LaunchSettings;
try {
  launch = parseLaunchSettings({ PORT: values.port, SANDBOX_PORT: process.env.SANDBOX_PORT, '--instances': values.instances });
} catch (error) {
  console.error(error instanceof Error ? error.message : error);
  process.exit(2);
}
const port = launch.PORT;
const instances = mode === 'dev' ? 1 : launch['--instances'];
const dataDir = path.resolve(process.env.PORTICO_DATA_DIR ?? '.data');
const cleanups: (() => Promise<unknown>)[] = [];

async function main() {
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

function stopChild(child: ChildProcess): Promise<void> {
  if (child.exitCode !== null) return Promise.resolve();
  return new Promise((resolve) => {
    child.once('exit', () => resolve());
    child.kill('SIGTERM');
    setTimeout(() => child.kill('SIGKILL'), 5_000).unref();
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
