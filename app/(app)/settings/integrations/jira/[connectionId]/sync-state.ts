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
 * The sync state, polled every 2 s while issues are being read for the first time, while a reconciliation
 * runs, and after a Reconcile now asked at `reconcileAskedAt` until a run started since has finished (a few
 * seconds' grace for the browser's clock against the server's; at most two minutes); still otherwise.
 */
export function useSyncState(connectionId: string, initial: SyncStateResponse, reconcileAskedAt: number | null = null) {
  return useQuery({
    queryKey: syncQueryKey(connectionId),
    queryFn: () => fetchSync(connectionId),
    initialData: initial,
    staleTime: 0,
    refetchInterval: (query) => {
      const data = query.state.data;
      const report = data?.reconciliation;
      const busy = data?.state === 'backfilling' || data?.state === 'not_started' || report?.state === 'running';
      const awaited =
        reconcileAskedAt !== null &&
        Date.now() - reconcileAskedAt < 120_000 &&
        !(report && report.state !== 'running' && Date.parse(report.started_at) >= reconcileAskedAt - 5_000);
      return busy || awaited ? 2_000 : false;
    },
  });
}
