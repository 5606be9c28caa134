import 'server-only';
import { sql } from 'drizzle-orm';
import { getDb } from '@/db/client';
import type { Database } from '@/db/connect';
import journal from '@/db/migrations/meta/_journal.json';
import { getJobEngineHeartbeatAge, listAppliedMigrationTimes } from '@/db/queries/health';
import { assessReadiness, type Readiness } from './readiness';

/**
 * Readiness of this process: the database answers, the migrations committed with this build (the
 * journal, bundled at build time) are all applied, and a job worker's scheduler ticks (periodic work
 * runs only then). `db` is injected
 * by tests (an unreachable database).
 */
export async function checkReadiness(db: Database = getDb()): Promise<Readiness> {
  const databaseReachable = await db.execute(sql`select 1`).then(
    () => true,
    () => false,
  );
  const [appliedMigrations, heartbeatAgeSecs] = databaseReachable
    ? await Promise.all([
        listAppliedMigrationTimes(db).catch(() => undefined),
        getJobEngineHeartbeatAge(db).catch(() => undefined),
      ])
    : [undefined, undefined];
  return assessReadiness({ databaseReachable, journal: journal.entries, appliedMigrations, heartbeatAgeSecs });
}
