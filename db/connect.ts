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
