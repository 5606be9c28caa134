import { readdir, readFile } from 'node:fs/promises';
import { fileURLToPath } from 'node:url';
import { drizzle } from 'drizzle-orm/postgres-js';
import { migrate } from 'drizzle-orm/postgres-js/migrator';
import postgres from 'postgres';
import { migrateJobEngine } from './job-engine-schema';

const migrationsFolder = fileURLToPath(new URL('./migrations', import.meta.url));
const customFolder = fileURLToPath(new URL('./migrations/custom', import.meta.url));
// Arbitrary constant: several Portico processes may start at once against one database.
const MIGRATION_LOCK_ID = 7_414_220;

/**
 * Applies the committed SQL migrations, then the job engine's schema, under an advisory lock (one
 * connection, so the lock holds). The idempotent files of migrations/custom/ (what drizzle-kit cannot
 * emit, such as CREATE EXTENSION) run first, in name order, on every start: the generated migrations may
 * depend on them.
 */
export async function runMigrations(databaseUrl: string): Promise<void> {
  const sql = postgres(databaseUrl, { max: 1, onnotice: () => {} });
  try {
    await sql`select pg_advisory_lock(${MIGRATION_LOCK_ID})`;
    for (const file of (await readdir(customFolder)).filter((name) => name.endsWith('.sql')).sort()) {
      await sql.unsafe(await readFile(`${customFolder}/${file}`, 'utf8'));
    }
    await migrate(drizzle(sql), { migrationsFolder });
    await migrateJobEngine(databaseUrl);
    await sql`select pg_advisory_unlock(${MIGRATION_LOCK_ID})`;
  } finally {
    await sql.end();
  }
}
