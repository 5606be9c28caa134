import { randomBytes } from 'node:crypto';
import { existsSync, readFileSync } from 'node:fs';
import path from 'node:path';
import postgres from 'postgres';
import { hashPassword } from '../lib/auth/password';
import { E2E } from './env';

/**
 * The e2e database, for the fixtures that create what a test needs and for the final leak scan.
 * The launcher writes the embedded database's URL into the data folder; nothing else is read.
 */
export function e2eDatabaseUrl(dataDir: string = E2E.dataDir): string {
  const file = path.join(dataDir, 'database-url');
  if (!existsSync(file)) throw new Error(`${file} is missing: start Portico with scripts/portico.ts (embedded database).`);
  const url = readFileSync(file, 'utf8').trim();
  // Guard: these helpers write rows; never against anything but the local embedded server.
  if (!/^postgres:\/\/[^@]+@127\.0\.0\.1:\d+\//.test(url)) throw new Error('The e2e database must be the local embedded PostgreSQL.');
  return url;
}

export type Sql = postgres.Sql;

export function connectE2eDatabase(dataDir?: string): Sql {
  return postgres(e2eDatabaseUrl(dataDir), { max: 2, onnotice: () => {} });
}

export interface Credentials {
  email: string;
  password: string;
  name: string;
}

export interface TestOrg {
  id: string;
  name: string;
  admin: Credentials;
  member: Credentials;
}

/**
 * A fresh organization with one admin and one member, so every test starts with no Jira
 * connection whatever ran before it. Left in place: the database is recreated per run and the
 * final leak scan reads every row.
 */
export async function createTestOrg(sql: Sql, label: string): Promise<TestOrg> {
  const suffix = randomBytes(4).toString('hex');
  const password = `e2e-${randomBytes(9).toString('base64url')}`;
  const passwordHash = await hashPassword(password);
  const name = `E2E ${label}`.slice(0, 80);
  const admin = { email: `admin-${suffix}@e2e.example.com`, password, name: 'Erin Admin' };
  const member = { email: `member-${suffix}@e2e.example.com`, password, name: 'Milo Member' };
  const id = await sql.begin(async (tx) => {
    const [org] = await tx<{ id: string }[]>`insert into organizations (name) values (${name}) returning id`;
    for (const [user, role] of [
      [admin, 'admin'],
      [member, 'member'],
    ] as const) {
      const [row] = await tx<{ id: string }[]>`
        insert into users (email, name, password_hash) values (${user.email}, ${user.name}, ${passwordHash}) returning id`;
      await tx`insert into memberships (organization_id, user_id, role) values (${org!.id}, ${row!.id}, ${role})`;
    }
    return org!.id;
  });
  return { id, name, admin, member };
}

/** Every row of every table, as JSON text per table (the leak scan's "database dump"). */
export async function dumpDatabase(sql: Sql): Promise<{ table: string; rows: number; json: string }[]> {
  const tables = await sql<{ schema: string; name: string }[]>`
    select table_schema as schema, table_name as name from information_schema.tables
    where table_type = 'BASE TABLE' and table_schema not in ('pg_catalog', 'information_schema')
    order by 1, 2`;
  const dump = [];
  for (const { schema, name } of tables) {
    const [result] = await sql<{ rows: number; json: string }[]>`
      select count(*)::int as rows, coalesce(json_agg(t), '[]'::json)::text as json from ${sql(schema)}.${sql(name)} t`;
    dump.push({ table: `${schema}.${name}`, rows: result?.rows ?? 0, json: result?.json ?? '' });
  }
  return dump;
}

/** Marks the organization's stored access tokens as expired, as if their hour had passed in Portico. */
export async function expireAccessTokens(sql: Sql, orgId: string): Promise<void> {
  await sql`update jira_grants set access_token_expires_at = now() where organization_id = ${orgId}`;
}

/**
 * For a test that needs every mapping preview to call Jira: once the backfill the connect started has
 * completed, the sync is paused (the workers make no Jira call of their own during the test) and its
 * backfill marked incomplete, so the preview counts in Jira instead of answering from the synced tickets
 * (lib/integrations/jira/preview/count-source.ts). Waits for the completion first, so no backfill step is
 * left to mark it complete again.
 */
export async function holdSyncSoPreviewsCallJira(sql: Sql, connectionId: string): Promise<void> {
  for (let attempt = 0; ; attempt += 1) {
    const [state] = await sql<{ phase: string }[]>`select phase from jira_sync_states where connection_id = ${connectionId}`;
    if (state?.phase === 'incremental') break;
    if (attempt >= 600) throw new Error(`The backfill of connection ${connectionId} did not complete within 60 s.`);
    await new Promise((resolve) => setTimeout(resolve, 100));
  }
  await sql`update jira_sync_states set paused = true, phase = 'backfill', backfill_completed_at = null where connection_id = ${connectionId}`;
}
