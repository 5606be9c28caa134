import 'server-only';
import postgres from 'postgres';
import { createDatabase, type Database } from './connect';

// Next's dev server reloads modules; keep one pool per process across reloads.
const globalForDb = globalThis as unknown as { porticoDb?: Database };

function databaseUrl(): string {
  const url = process.env.DATABASE_URL;
  if (!url) throw new Error('DATABASE_URL is not set. Start Portico with `npm start`, which provides it.');
  return url;
}

export function getDb(): Database {
  globalForDb.porticoDb ??= createDatabase(databaseUrl());
  return globalForDb.porticoDb;
}

/**
 * A connection of its own, outside the pool, for holding a session-level advisory lock
 * (db/advisory-lock.ts). Outside the pool because a holder keeps it for its whole work while running
 * that work's queries on the pool, so holders can never take every pooled connection; and because a
 * pooled connection that the server closes under a reserved session is not reopened cleanly. The
 * caller ends it.
 */
export function openLockSession(): postgres.Sql {
  return postgres(databaseUrl(), { max: 1, onnotice: () => {} });
}
