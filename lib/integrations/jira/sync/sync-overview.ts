import 'server-only';
import { countTicketsByStandardStatus, getSyncTarget } from '@/db/queries/jira-sync';
import { getWebhookOverview, type WebhookOverview } from '../webhooks/webhook-overview';
import { getLatestReconciliation, type ReconciliationReport } from './reconcile/reconciliation-report';
import { isFailing, syncFailureRemedy } from './sync-failure';

export type SyncPhase = 'not_started' | 'backfilling' | 'up_to_date' | 'paused' | 'failing' | 'disconnected';

/** What the connection page's Sync section and the API's connection GET show about a connection's sync. */
export interface SyncOverview {
  phase: SyncPhase;
  paused: boolean;
  backfill: { done: number; totalEstimate: number | null; startedAt: Date | null; completedAt: Date | null };
  lastSuccessAt: Date | null;
  nextSyncAt: Date | null;
  refreshIntervalSecs: number;
  failure: { kind: string; message: string; remedy: string; since: Date | null } | null;
  countsByStandardStatus: Record<string, number>;
  ticketCount: number;
  /** Webhooks, the fast path beside polling. */
  webhooks: WebhookOverview;
  /** The latest reconciliation (deletions no webhook reported); null before the first. */
  reconciliation: ReconciliationReport | null;
}

/** The sync's own state, without the ticket counts, webhooks and reconciliation. */
export type SyncStatus = Omit<SyncOverview, 'countsByStandardStatus' | 'ticketCount' | 'webhooks' | 'reconciliation'>;

/** Null when the organization has no such connection. Counts are of current tickets (in the filter, not deleted). */
export async function getSyncOverview(orgId: string, connectionId: string): Promise<SyncOverview | null> {
  const [status, counts, webhooks, reconciliation] = await Promise.all([
    getSyncStatus(orgId, connectionId),
    countTicketsByStandardStatus(orgId, connectionId),
    getWebhookOverview(orgId, connectionId),
    getLatestReconciliation(orgId, connectionId),
  ]);
  if (!status) return null;
  return { ...status, countsByStandardStatus: counts, ticketCount: Object.values(counts).reduce((sum, n) => sum + n, 0), webhooks, reconciliation };
}

/**
 * The sync's own state: without the counts, which read every current ticket of the connection (80,000 rows
 * cost the Tickets page, which shows only the phase and the backfill's progress, most of its time).
 */
export async function getSyncStatus(orgId: string, connectionId: string): Promise<SyncStatus | null> {
  const target = await getSyncTarget(orgId, connectionId);
  if (!target) return null;
  const state = target.state;
  // Not connected: the connection's own status says why and what to do (Reconnect); a sync failure beside it
  // would say it a second time, in a second alert.
  const failing = target.status === 'connected' && state ? isFailing(state.lastErrorKind, state.failureCount) : false;
  const phase: SyncPhase =
    target.status !== 'connected'
      ? 'disconnected'
      : state?.paused
        ? 'paused'
        : failing
          ? 'failing'
          : !state?.backfillStartedAt
            ? 'not_started'
            : state.phase === 'backfill'
              ? 'backfilling'
              : 'up_to_date';
  const lastSuccessAt = state?.lastSuccessAt ?? null;
  return {
    phase,
    paused: state?.paused ?? false,
    backfill: {
      done: state?.backfillDone ?? 0,
      totalEstimate: state?.backfillTotalEstimate ?? null,
      startedAt: state?.backfillStartedAt ?? null,
      completedAt: state?.backfillCompletedAt ?? null,
    },
    lastSuccessAt,
    nextSyncAt: phase === 'disconnected' || phase === 'paused' ? null : (state?.nextRunAt ?? null),
    refreshIntervalSecs: target.refreshIntervalSecs,
    failure:
      failing && state?.lastErrorKind
        ? {
            kind: state.lastErrorKind,
            message: state.lastErrorMessage ?? 'The last sync failed.',
            remedy: syncFailureRemedy(state.lastErrorKind),
            since: state.failingSince,
          }
        : null,
  };
}
