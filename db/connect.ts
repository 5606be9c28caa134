import { drizzle } from 'drizzle-orm/postgres-js';
import postgres from 'postgres';
import * as schema from './schema';

export type Database = ReturnType<typeof createDatabase>;
export type Transaction = Parameters<Parameters<Database['transaction']>[0]>[0];

/** One pool per process. Scripts and tests call this directly; the app goes through db/client.ts. */
export function createDatabase(databaseUrl: string, options: { max?: number } = {}) {
  const sql = postgres(databaseUrl, { max: options.max ?? 10, onnotice: () => {} });
  return Object.assign(drizzle(sql, { schema, casing: 'snake_case' }), { close: () => sql.end() });
}

/**
 * The postgres.js transaction behind a drizzle one, for the few statements written on postgres.js directly
 * (db/queries/jira-sync.ts's page upsert) that a drizzle transaction must also run. drizzle keeps it on the
 * transaction's session (marked internal): checked here, so a drizzle upgrade that moves it fails loudly.
 */
export function postgresClientOf(tx: Transaction): postgres.TransactionSql {
  const client = (tx as unknown as { session?: { client?: unknown } }).session?.client;
  if (typeof client !== 'function') throw new Error('drizzle no longer exposes the postgres.js transaction on tx.session.client');
  return client as postgres.TransactionSql;
}
