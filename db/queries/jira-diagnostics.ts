import 'server-only';
import { and, desc, eq, gt, inArray, isNotNull, isNull, lt, max, or, sql } from 'drizzle-orm';
import { getDb } from '../client';
import type { Database, Transaction } from '../connect';
import { diffHealth } from '@/lib/events/health-change';
import { jiraConnections, jiraDiagnosticRuns, jiraGrants, jiraMetadataCache, jiraOauthStates, users } from '../schema';
import { recordActivity } from './connection-activity';

const runColumns = {
  id: jiraDiagnosticRuns.id,
  connectionId: jiraDiagnosticRuns.connectionId,
  trigger: jiraDiagnosticRuns.trigger,
  outcome: jiraDiagnosticRuns.outcome,
  results: jiraDiagnosticRuns.results,
  startedAt: jiraDiagnosticRuns.startedAt,
  finishedAt: jiraDiagnosticRuns.finishedAt,
  startedByName: users.name,
};

export type DiagnosticRunRow = Awaited<ReturnType<typeof listDiagnosticRunRows>>[number];

export async function insertDiagnosticRun(
  orgId: string,
  run: {
    connectionId: string;
    trigger: string;
    triggeredByUserId: string | null;
    outcome: string;
    results: unknown[];
    startedAt: Date;
    finishedAt: Date;
  },
): Promise<string> {
  return getDb().transaction(async (tx) => {
    await recordHealthChange(tx, orgId, run);
    const [row] = await tx.insert(jiraDiagnosticRuns).values({ organizationId: orgId, ...run }).returning({ id: jiraDiagnosticRuns.id });
    return row!.id;
  });
}

/** connection.health_changed when this run's checks differ from the previous run's (lib/events/health-change.ts). */
async function recordHealthChange(tx: Transaction, orgId: string, run: { connectionId: string; triggeredByUserId: string | null; outcome: string; results: unknown[] }) {
  // Serializes runs of one connection, so two concurrent runs never both compare against the same previous one.
  await tx.execute(sql`select pg_advisory_xact_lock(hashtext('diagnostics-health:' || ${run.connectionId}))`);
  const [previous] = await tx
    .select({ outcome: jiraDiagnosticRuns.outcome, results: jiraDiagnosticRuns.results })
    .from(jiraDiagnosticRuns)
    .where(and(eq(jiraDiagnosticRuns.organizationId, orgId), eq(jiraDiagnosticRuns.connectionId, run.connectionId)))
    .orderBy(desc(jiraDiagnosticRuns.startedAt))
    .limit(1);
  const change = diffHealth(previous ? { outcome: previous.outcome, results: previous.results } : undefined, run);
  if (!change) return;
  await recordActivity(tx, { organizationId: orgId, connectionId: run.connectionId, actorUserId: run.triggeredByUserId, action: 'health_changed', detail: { ...change } });
}

export async function listDiagnosticRunRows(orgId: string, connectionId: string, limit: number) {
  return getDb()
    .select(runColumns)
    .from(jiraDiagnosticRuns)
    .leftJoin(users, eq(users.id, jiraDiagnosticRuns.triggeredByUserId))
    .where(and(eq(jiraDiagnosticRuns.organizationId, orgId), eq(jiraDiagnosticRuns.connectionId, connectionId)))
    .orderBy(desc(jiraDiagnosticRuns.startedAt))
    .limit(limit);
}

/** The latest run's outcome per connection, for the health badge on the card. */
export async function listLatestRunOutcomes(orgId: string, connectionIds: readonly string[]) {
  if (connectionIds.length === 0) return [];
  return getDb()
    .selectDistinctOn([jiraDiagnosticRuns.connectionId], {
      connectionId: jiraDiagnosticRuns.connectionId,
      outcome: jiraDiagnosticRuns.outcome,
      finishedAt: jiraDiagnosticRuns.finishedAt,
    })
    .from(jiraDiagnosticRuns)
    .where(
      and(eq(jiraDiagnosticRuns.organizationId, orgId), inArray(jiraDiagnosticRuns.connectionId, [...connectionIds])),
    )
    .orderBy(jiraDiagnosticRuns.connectionId, desc(jiraDiagnosticRuns.startedAt));
}

/** What diagnostics needs of a connection and its grant, before anything is refreshed; no token column. */
export async function getDiagnosticSubject(orgId: string, connectionId: string) {
  const [row] = await getDb()
    .select({
      id: jiraConnections.id,
      status: jiraConnections.status,
      statusReason: jiraConnections.statusReason,
      cloudId: jiraConnections.cloudId,
      siteName: jiraConnections.siteName,
      projectFilter: jiraConnections.projectFilter,
      grantedScopes: jiraConnections.grantedScopes,
      grantId: jiraConnections.grantId,
      grantClientId: jiraGrants.clientId,
      grantStatus: jiraGrants.status,
      accountName: jiraGrants.atlassianAccountName,
      // Whether a refresh token exists, never its value.
      hasRefreshToken: sql<boolean>`${jiraGrants.refreshTokenCiphertext} is not null`,
      lastRefreshedAt: jiraGrants.lastRefreshedAt,
      lastRefreshFailedAt: jiraGrants.lastRefreshFailedAt,
      lastRefreshError: jiraGrants.lastRefreshError,
      grantCreatedAt: jiraGrants.createdAt,
      grantCloudIds: jiraGrants.cloudIds,
    })
    .from(jiraConnections)
    .leftJoin(jiraGrants, and(eq(jiraGrants.id, jiraConnections.grantId), eq(jiraGrants.organizationId, orgId)))
    .where(and(eq(jiraConnections.organizationId, orgId), eq(jiraConnections.id, connectionId)));
  if (!row) return undefined;
  const {
    grantClientId,
    grantStatus,
    accountName,
    hasRefreshToken,
    lastRefreshedAt,
    lastRefreshFailedAt,
    lastRefreshError,
    grantCreatedAt,
    grantCloudIds,
    ...connection
  } = row;
  const grant =
    grantClientId !== null && grantStatus !== null && accountName !== null && grantCreatedAt !== null
      ? {
          clientId: grantClientId,
          status: grantStatus,
          accountName,
          hasRefreshToken,
          lastRefreshedAt,
          lastRefreshFailedAt,
          lastRefreshError,
          createdAt: grantCreatedAt,
          cloudIds: grantCloudIds ?? [],
        }
      : null;
  return { ...connection, grant };
}

/** The grant's scopes and last refresh after the run's token step (no token column). */
export async function getGrantAfterRefresh(orgId: string, grantId: string) {
  const [row] = await getDb()
    .select({ scopes: jiraGrants.scopes, lastRefreshedAt: jiraGrants.lastRefreshedAt })
    .from(jiraGrants)
    .where(and(eq(jiraGrants.organizationId, orgId), eq(jiraGrants.id, grantId)));
  return row;
}

/** At most this many abandoned consents are read; more makes the count a lower bound. */
export const ABANDONED_CONSENTS_READ = 50;

/**
 * Consents of the last 7 days that could concern this connection (its reconnects and the
 * organization's new connects), with the app each was started with: those that expired without
 * ever coming back, and per app the last one that came back (whatever its outcome).
 */
export async function getConsentHistory(orgId: string, connectionId: string) {
  const scope = and(
    eq(jiraOauthStates.organizationId, orgId),
    or(eq(jiraOauthStates.reconnectConnectionId, connectionId), isNull(jiraOauthStates.reconnectConnectionId)),
    gt(jiraOauthStates.createdAt, sql`now() - interval '7 days'`),
  );
  const [abandoned, returned] = await Promise.all([
    getDb()
      .select({ startedAt: jiraOauthStates.createdAt, clientId: jiraOauthStates.clientId })
      .from(jiraOauthStates)
      .where(and(scope, isNull(jiraOauthStates.consumedAt), lt(jiraOauthStates.expiresAt, sql`now()`)))
      .orderBy(desc(jiraOauthStates.createdAt))
      .limit(ABANDONED_CONSENTS_READ),
    getDb()
      .select({ clientId: jiraOauthStates.clientId, at: max(jiraOauthStates.completedAt) })
      .from(jiraOauthStates)
      .where(and(scope, isNotNull(jiraOauthStates.completedAt)))
      .groupBy(jiraOauthStates.clientId),
  ]);
  return {
    abandoned,
    abandonedCapped: abandoned.length === ABANDONED_CONSENTS_READ,
    returned: returned.flatMap((row) => (row.at ? [{ clientId: row.clientId, at: row.at }] : [])),
  };
}

/** Project keys Portico has read from this site before (metadata cache). */
export async function listKnownProjectKeys(orgId: string, connectionId: string): Promise<string[]> {
  const [row] = await getDb()
    .select({ projects: jiraMetadataCache.projects })
    .from(jiraMetadataCache)
    .where(and(eq(jiraMetadataCache.organizationId, orgId), eq(jiraMetadataCache.connectionId, connectionId)));
  return row?.projects.map((project) => project.key) ?? [];
}

/**
 * Claims up to `limit` connections of every organization whose scheduled run is due, oldest first, by
 * pushing their due time `everyHours` ahead in one short statement. SKIP LOCKED lets several processes
 * claim at once without taking the same rows; a claimed connection whose run fails is simply retried
 * after the interval, so it can never hold the others back. The scheduler's work list, so it is not
 * scoped to one organization.
 */
/**
 * Claims up to `limit` connections whose scheduled check is due: their due time moves `everyHours` ahead in
 * the same statement, and rows another claimer holds are skipped, so concurrent claimers never share one.
 * `db` is a transaction when the claim and the jobs it creates must commit together.
 */
export async function claimConnectionsDueForDiagnostics(everyHours: number, limit: number, db: Database | Transaction = getDb()) {
  const rows = await db.execute<{ organization_id: string; id: string }>(sql`
    update jira_connections
       set diagnostics_due_at = now() + make_interval(hours => ${everyHours})
     where id in (
       select id from jira_connections
        where status <> 'disconnected' and status <> 'pending_authorization'
          and (diagnostics_due_at is null or diagnostics_due_at <= now())
          -- A paused connection makes no Jira call of its own accord; an admin's run still may.
          and not exists (select 1 from jira_sync_states s where s.connection_id = jira_connections.id and s.paused)
        order by diagnostics_due_at asc nulls first
        limit ${limit}
        for update skip locked)
    returning organization_id, id`);
  return rows.map((row) => ({ orgId: row.organization_id, connectionId: row.id }));
}

/** A run just completed: the next scheduled one is due `everyHours` from now. */
export async function postponeScheduledDiagnostics(orgId: string, connectionId: string, everyHours: number) {
  await getDb()
    .update(jiraConnections)
    .set({ diagnosticsDueAt: sql`now() + make_interval(hours => ${everyHours})` })
    .where(and(eq(jiraConnections.organizationId, orgId), eq(jiraConnections.id, connectionId)));
}

/**
 * Every organization's runs older than 30 days, except each connection's latest 20 (so a connection
 * checked rarely keeps its history). The count uses the (organization, connection, started_at) index.
 */
export async function deleteOldDiagnosticRuns(): Promise<void> {
  await getDb().execute(sql`
    delete from jira_diagnostic_runs as run
     where run.started_at < now() - interval '30 days'
       and (select count(*) from jira_diagnostic_runs as newer
             where newer.organization_id = run.organization_id
               and newer.connection_id = run.connection_id
               and newer.started_at > run.started_at) >= 20`);
}
