import path from 'node:path';
import type { TestProject } from 'vitest/node';
import { ensureDatabase, startEmbeddedDatabase } from '../db/embedded';
import { runMigrations } from '../db/migrate';

export const TEMPLATE_DATABASE = 'portico_template';

/**
 * One real PostgreSQL for the whole run. Migrations are applied once to a template database;
 * each test file gets its own copy (tests/database.ts), so files never see each other's rows.
 */
export default async function setup(project: TestProject) {
  const server = await startEmbeddedDatabase(path.resolve('.data/test-postgres'));
  const admin = (await import('postgres')).default(server.adminUrl, { max: 1, onnotice: () => {} });
  await admin.unsafe(`drop database if exists "${TEMPLATE_DATABASE}" with (force)`);
  await admin.end();
  await ensureDatabase(server.adminUrl, TEMPLATE_DATABASE);
  await runMigrations(server.urlFor(TEMPLATE_DATABASE));
  project.provide('postgresAdminUrl', server.adminUrl);
  return () => server.stop();
}

declare module 'vitest' {
  export interface ProvidedContext {
    postgresAdminUrl: string;
  }
}
