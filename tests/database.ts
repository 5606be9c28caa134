import { randomBytes } from 'node:crypto';
import postgres from 'postgres';
import { afterAll, beforeAll, inject } from 'vitest';
import { createDatabase, type Database } from '../db/connect';
import { TEMPLATE_DATABASE } from './global-setup';

/**
 * Gives the calling test file a fresh, migrated database of its own and points the app's
 * data layer (db/client.ts reads DATABASE_URL) at it. Refuses anything but the local server.
 */
export function setupTestDatabase(): { db: () => Database; url: () => string } {
  let db: Database | undefined;
  let url = '';
  const adminUrl = inject('postgresAdminUrl');
  const host = new URL(adminUrl).hostname;
  if (host !== '127.0.0.1' && host !== 'localhost') throw new Error('Tests only run against the local embedded PostgreSQL.');

  beforeAll(async () => {
    const name = `portico_test_${randomBytes(6).toString('hex')}`;
    const admin = postgres(adminUrl, { max: 1, onnotice: () => {} });
    await admin.unsafe(`create database "${name}" template "${TEMPLATE_DATABASE}"`);
    await admin.end();
    url = adminUrl.replace(/\/postgres$/, `/${name}`);
    process.env.DATABASE_URL = url;
    db = createDatabase(url, { max: 5 });
  });

  afterAll(async () => {
    const shared = (globalThis as { porticoDb?: Database }).porticoDb;
    delete (globalThis as { porticoDb?: Database }).porticoDb;
    await Promise.all([db?.close(), shared?.close()]);
  });

  return {
    db: () => {
      if (!db) throw new Error('setupTestDatabase(): the database is ready only inside tests and hooks.');
      return db;
    },
    url: () => url,
  };
}
