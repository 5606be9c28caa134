import 'server-only';
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
