import type { SyncOverview } from '@/lib/integrations/jira/sync/sync-overview';
import { STANDARD_STATUSES, type StandardStatus } from '@/lib/integrations/jira/mapping/standard-model';
import type { SyncStateResponse } from './sync-schemas';

const iso = (date: Date | null) => (date ? date.toISOString() : null);

/** Every standard status, 0 when none has it, so a consumer never checks for a missing key. */
function countsByStatus(counts: Record<string, number>): Record<StandardStatus, number> {
  return Object.fromEntries(STANDARD_STATUSES.map((status) => [status, counts[status] ?? 0])) as Record<StandardStatus, number>;
}

export function serializeSync(overview: SyncOverview): SyncStateResponse {
  return {
    state: overview.phase,
    paused: overview.paused,
    backfill: {
      done: overview.backfill.done,
      total_estimate: overview.backfill.totalEstimate,
      started_at: iso(overview.backfill.startedAt),
      completed_at: iso(overview.backfill.completedAt),
    },
    last_success_at: iso(overview.lastSuccessAt),
    next_sync_at: iso(overview.nextSyncAt),
    failure: overview.failure && { ...overview.failure, since: iso(overview.failure.since) },
    ticket_count: overview.ticketCount,
    counts_by_status: countsByStatus(overview.countsByStandardStatus),
    webhooks: {
      status: overview.webhooks.status,
      reason: overview.webhooks.reason,
      expires_at: iso(overview.webhooks.expiresAt),
      last_delivery_at: iso(overview.webhooks.lastDeliveryAt),
      deliveries_last_24h: overview.webhooks.deliveriesLast24h,
    },
    reconciliation: overview.reconciliation && {
      state: overview.reconciliation.state,
      trigger: overview.reconciliation.trigger,
      started_at: overview.reconciliation.startedAt.toISOString(),
      completed_at: iso(overview.reconciliation.completedAt),
      in_jira: overview.reconciliation.inJira,
      in_portico: overview.reconciliation.inPortico,
      missing: overview.reconciliation.missing,
      extra: overview.reconciliation.extra,
      examples: overview.reconciliation.examples,
      error: overview.reconciliation.error,
    },
  };
}
