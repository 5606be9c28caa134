import { pgTable, text, timestamp } from 'drizzle-orm/pg-core';

/**
 * One row per Portico process running the periodic scheduler (instrumentation.ts), stamped every
 * beat. Readiness reports the age of the newest beat: a stale one means no process is doing the
 * background work (keep-alive, scheduled diagnostics). A job engine's worker will beat here too.
 */
export const schedulerHeartbeats = pgTable('scheduler_heartbeats', {
  instanceId: text('instance_id').primaryKey(),
  startedAt: timestamp('started_at', { withTimezone: true }).notNull().defaultNow(),
  beatAt: timestamp('beat_at', { withTimezone: true }).notNull().defaultNow(),
});
