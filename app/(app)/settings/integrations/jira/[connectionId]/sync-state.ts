'use client';

import { useQuery } from '@tanstack/react-query';
import type { SyncStateResponse } from '@/lib/api/v1/sync-schemas';

export const syncQueryKey = (connectionId: string) => ['jira', connectionId, 'sync'] as const;

async function fetchSync(connectionId: string): Promise<SyncStateResponse> {
  const response = await fetch(`/api/integrations/jira/connections/${connectionId}/sync`);
  if (!response.ok) throw new Error('Portico could not read the sync state. Reload the page.');
  return (await response.json()) as SyncStateResponse;
}

/**
 * How often the Sync section re-reads the state: every 2 s while issues are read for the first time, while a
 * reconciliation runs, and after a Reconcile now asked at `reconcileAskedAt` until a run started since has
 * finished (a few seconds' grace for the browser's clock against the server's; at most two minutes); every
 * 30 s while syncs come and go on their own (so "Last successful sync" and "Next sync" never go stale on an
 * open page); never while nothing can change without an admin (paused, not connected).
 */
export function syncRefetchInterval(data: SyncStateResponse | undefined, reconcileAskedAt: number | null, now: number): number | false {
  const report = data?.reconciliation;
  const busy = data?.state === 'backfilling' || data?.state === 'not_started' || report?.state === 'running';
  const awaited =
    reconcileAskedAt !== null &&
    now - reconcileAskedAt < 120_000 &&
    !(report && report.state !== 'running' && Date.parse(report.started_at) >= reconcileAskedAt - 5_000);
  if (busy || awaited) return 2_000;
  return data?.state === 'paused' || data?.state === 'disconnected' ? false : 30_000;
}

export function useSyncState(connectionId: string, initial: SyncStateResponse, reconcileAskedAt: number | null = null) {
  return useQuery({
    queryKey: syncQueryKey(connectionId),
    queryFn: () => fetchSync(connectionId),
    initialData: initial,
    staleTime: 0,
    refetchInterval: (query) => syncRefetchInterval(query.state.data, reconcileAskedAt, Date.now()),
  });
}
