import { readdir, readFile } from 'node:fs/promises';
import { fileURLToPath } from 'node:url';
import { drizzle } from 'drizzle-orm/postgres-js';
import { migrate } from 'drizzle-orm/postgres-js/migrator';
import postgres from 'postgres';
import { migrateJobEngine } from './job-engine-schema';

const migrationsFolder = fileURLToPath(new URL('./migrations', import.meta.url));
const customFolder = (stage: 'before' | 'after') => fileURLToPath(new URL(`./migrations/custom/${stage}`, import.meta.url));
// Arbitrary constant: several Portico processes may start at once against one database.
const MIGRATION_LOCK_ID = 7_414_220;

/**
 * Applies the committed SQL migrations, then the job engine's schema, under an advisory lock (one
 * connection, so the lock holds). The idempotent files of migrations/custom/ hold what drizzle-kit cannot
 * emit and run on every start, in name order: before/ ahead of the generated migrations (CREATE EXTENSION,
 * which they depend on), after/ once they are applied (storage parameters of their tables).
 */
export async function runMigrations(databaseUrl: string): Promise<void> {
  const sql = postgres(databaseUrl, { max: 1, onnotice: () => {} });
  try {
    await sql`select pg_advisory_lock(${MIGRATION_LOCK_ID})`;
    await applyCustomSql(sql, 'before');
    await migrate(drizzle(sql), { migrationsFolder });
    await applyCustomSql(sql, 'after');
    await migrateJobEngine(databaseUrl);
    await sql`select pg_advisory_unlock(${MIGRATION_LOCK_ID})`;
  } finally {
    await sql.end();
  }
}

async function applyCustomSql(sql: postgres.Sql, stage: 'before' | 'after'): Promise<void> {
  const folder = customFolder(stage);
  for (const file of (await readdir(folder)).filter((name) => name.endsWith('.sql')).sort()) {
    await sql.unsafe(await readFile(`${folder}/${file}`, 'utf8'));
  }
}
