import { createDatabase } from '../db/connect';
import { insertConnectedSite } from '../tests/fixtures/jira-connections';
import { seedTickets } from '../tests/fixtures/tickets';
import { e2eDatabaseUrl } from './db';

export interface SeededSyncState {
  paused?: boolean;
  backfill?: { done: number; totalEstimate: number };
}

/**
 * A connected site with synced tickets, straight in the e2e database: the read side (Tickets page, Sync
 * section) is tested on known data, whatever the sync engine does. Its sync state is written too, so the
 * Sync section has a state to show: paused (no Jira call for this grant-less site) or part-way through a
 * backfill.
 */
export async function seedSyncedSite(orgId: string, siteName: string, tickets: number, state: SeededSyncState = { paused: true }): Promise<string> {
  const db = createDatabase(e2eDatabaseUrl(), { max: 1 });
  try {
    const connectionId = await insertConnectedSite(db, orgId, siteName);
    await seedTickets(db, { orgId, connectionId, count: tickets });
    await db.$client`
      insert into jira_sync_states (connection_id, organization_id, paused, phase, backfill_done, backfill_total_estimate,
        backfill_started_at, backfill_completed_at, last_success_at, next_run_at)
      values (${connectionId}, ${orgId}, ${state.paused ?? false}, ${state.backfill ? 'backfill' : 'incremental'},
        ${state.backfill?.done ?? tickets}, ${state.backfill?.totalEstimate ?? tickets}, now() - interval '1 hour',
        ${state.backfill ? null : new Date(Date.now() - 50 * 60_000).toISOString()}::timestamptz, now() - interval '5 minutes',
        ${state.paused ? null : new Date(Date.now() + 10 * 60_000).toISOString()}::timestamptz)`;
    return connectionId;
  } finally {
    await db.close();
  }
}
