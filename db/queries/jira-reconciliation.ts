import 'server-only';
import { and, desc, eq, inArray, isNull, lt, sql } from 'drizzle-orm';
import { getDb } from '../client';
import { jiraConnections, jiraReconciliationRuns, jiraSyncStates, jiraTickets } from '../schema';

/*
 * Reconciliation's reads and writes: its runs (the report), Portico's current tickets as a set of ids, and
 * the guarded soft delete of the ones Jira no longer lists.
 */

export type ReconciliationTrigger = 'schedule' | 'admin' | 'api';
export type ReconciliationRunRow = typeof jiraReconciliationRuns.$inferSelect;

export async function insertReconciliationRun(
  orgId: string,
  connectionId: string,
  values: { trigger: ReconciliationTrigger; actorUserId: string | null; startedAt: Date },
): Promise<string> {
  const [row] = await getDb()
    .insert(jiraReconciliationRuns)
    .values({ organizationId: orgId, connectionId, ...values })
    .returning({ id: jiraReconciliationRuns.id });
  return row!.id;
}

export async function completeReconciliationRun(
  orgId: string,
  runId: string,
  values: Partial<Pick<ReconciliationRunRow, 'inJira' | 'inPortico' | 'missing' | 'extra' | 'examples' | 'errorKind' | 'errorMessage'>>,
): Promise<void> {
  await getDb()
    .update(jiraReconciliationRuns)
    .set({ ...values, completedAt: new Date() })
    .where(and(eq(jiraReconciliationRuns.organizationId, orgId), eq(jiraReconciliationRuns.id, runId)));
}

/** The newest run of a connection (finished or not), for the report. */
export async function getLatestReconciliationRun(orgId: string, connectionId: string): Promise<ReconciliationRunRow | undefined> {
  const [row] = await getDb()
    .select()
    .from(jiraReconciliationRuns)
    .where(and(eq(jiraReconciliationRuns.organizationId, orgId), eq(jiraReconciliationRuns.connectionId, connectionId)))
    .orderBy(desc(jiraReconciliationRuns.startedAt))
    .limit(1);
  return row;
}

/** The connection's current tickets (in the filter, not deleted): Jira id, key and when each was last written. */
export async function listCurrentTicketIds(orgId: string, connectionId: string) {
  return getDb()
    .select({ externalId: jiraTickets.externalId, key: jiraTickets.key, lastSyncedAt: jiraTickets.lastSyncedAt })
    .from(jiraTickets)
    .where(
      and(
        eq(jiraTickets.organizationId, orgId),
        eq(jiraTickets.connectionId, connectionId),
        eq(jiraTickets.inScope, true),
        isNull(jiraTickets.deletedAt),
      ),
    );
}

/** What the sync looked like when the Jira listing began; the deletes apply only while it still holds. */
export interface ListingBasis {
  backfillCompletedAt: Date;
  projectFilter: string[];
  /** Only tickets last written before this are judged: anything newer may be missing from the listing. */
  syncedBefore: Date;
}

const DELETE_CHUNK = 5000;

export type MarkDeletedResult = { kind: 'marked'; ids: string[] } | { kind: 'sync_changed' };

/**
 * Soft-deletes the given current tickets, in one transaction that first locks the sync state row (backfill
 * page commits lock it too) and checks that no backfill began and the filter did not change since the
 * listing: the listing would not cover what such a backfill brings. A ticket written since the listing began
 * (a poll, a webhook, a page) is left alone whatever the listing said. Returns the ids actually marked.
 */
export async function markTicketsDeleted(orgId: string, connectionId: string, externalIds: string[], basis: ListingBasis): Promise<MarkDeletedResult> {
  return getDb().transaction(async (tx) => {
    const [state] = await tx
      .select({ phase: jiraSyncStates.phase, backfillCompletedAt: jiraSyncStates.backfillCompletedAt, projectFilter: jiraConnections.projectFilter })
      .from(jiraSyncStates)
      .innerJoin(jiraConnections, eq(jiraConnections.id, jiraSyncStates.connectionId))
      .where(and(eq(jiraSyncStates.organizationId, orgId), eq(jiraSyncStates.connectionId, connectionId)))
      .for('update', { of: jiraSyncStates });
    const unchanged =
      state?.phase === 'incremental' &&
      state.backfillCompletedAt?.getTime() === basis.backfillCompletedAt.getTime() &&
      sameSet(state.projectFilter, basis.projectFilter);
    if (!unchanged) return { kind: 'sync_changed' };
    const now = new Date();
    const ids: string[] = [];
    // In chunks: a statement takes at most 65,535 parameters.
    for (let start = 0; start < externalIds.length; start += DELETE_CHUNK) {
      const rows = await tx
        .update(jiraTickets)
        // As a webhook's deletion does: the listing's time becomes the row's version, so a delivery or page
        // older than the listing (arriving late) cannot bring the ticket back; a later change of the issue can.
        .set({ deletedAt: now, jiraUpdatedAt: sql`greatest(${jiraTickets.jiraUpdatedAt}, ${basis.syncedBefore.toISOString()}::timestamptz)` })
        .where(
          and(
            eq(jiraTickets.organizationId, orgId),
            eq(jiraTickets.connectionId, connectionId),
            inArray(jiraTickets.externalId, externalIds.slice(start, start + DELETE_CHUNK)),
            eq(jiraTickets.inScope, true),
            isNull(jiraTickets.deletedAt),
            lt(jiraTickets.lastSyncedAt, basis.syncedBefore),
          ),
        )
        .returning({ externalId: jiraTickets.externalId });
      ids.push(...rows.map((row) => row.externalId));
    }
    return { kind: 'marked', ids };
  });
}

const sameSet = (a: readonly string[], b: readonly string[]) => a.length === b.length && a.every((key) => b.includes(key));

/** Connected, unpaused connections whose backfill is complete: the daily fan-out's list. */
export async function listReconcilableConnections(limit = 5000): Promise<{ organizationId: string; connectionId: string }[]> {
  return getDb()
    .select({ organizationId: jiraConnections.organizationId, connectionId: jiraConnections.id })
    .from(jiraConnections)
    .innerJoin(jiraSyncStates, eq(jiraSyncStates.connectionId, jiraConnections.id))
    .where(
      and(
        eq(jiraConnections.status, 'connected'),
        eq(jiraSyncStates.paused, false),
        eq(jiraSyncStates.phase, 'incremental'),
        sql`${jiraSyncStates.backfillCompletedAt} is not null`,
      ),
    )
    .orderBy(jiraConnections.id)
    .limit(limit);
}
