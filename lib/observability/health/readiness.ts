/** pg-boss's timekeeper ticks every 30 s: three missed ticks, not one slow round trip, mean no worker runs. */
export const HEARTBEAT_STALE_AFTER_SECS = 90;

export interface ReadinessFacts {
  databaseReachable: boolean;
  /** Journal entries (their `when`) and what drizzle recorded as applied; undefined when unreadable. */
  journal: readonly { tag: string; when: number }[];
  appliedMigrations: readonly number[] | undefined;
  /** Seconds since a job worker's scheduler last ticked; null when none ever did, undefined when unreadable. */
  heartbeatAgeSecs: number | null | undefined;
}

export interface Readiness {
  ready: boolean;
  checks: {
    database: { ok: boolean };
    migrations: { ok: boolean; pending: string[] };
    scheduler: { ok: boolean; lastBeatAgeSecs: number | null };
  };
}

/** Pure: ready only when the database answers, every committed migration is applied and a job worker's scheduler ticks. */
export function assessReadiness(facts: ReadinessFacts): Readiness {
  const applied = new Set(facts.appliedMigrations ?? []);
  const pending =
    facts.appliedMigrations === undefined
      ? facts.journal.map((entry) => entry.tag)
      : facts.journal.filter((entry) => !applied.has(entry.when)).map((entry) => entry.tag);
  const age = facts.heartbeatAgeSecs ?? null;
  const checks = {
    database: { ok: facts.databaseReachable },
    migrations: { ok: facts.databaseReachable && pending.length === 0, pending },
    scheduler: { ok: age !== null && age <= HEARTBEAT_STALE_AFTER_SECS, lastBeatAgeSecs: age },
  };
  return { ready: checks.database.ok && checks.migrations.ok && checks.scheduler.ok, checks };
}
