'use client';

import { useQuery } from '@tanstack/react-query';
import type { SyncStateResponse } from '@/lib/api/v1/sync-schemas';

export const syncQueryKey = (connectionId: string) => ['jira', connectionId, 'sync'] as const;

async function fetchSync(connectionId: string): Promise<SyncStateResponse> {
  const response = await fetch(`/api/integrations/jira/connections/${connectionId}/sync`);
  if (!response.ok) throw new Error('Portico could not read the sync state. Reload the page.');
  return (await response.json()) as SyncStateResponse;
}

/** The sync state, polled every 2 s while issues are being read for the first time; still otherwise. */
export function useSyncState(connectionId: string, initial: SyncStateResponse) {
  return useQuery({
    queryKey: syncQueryKey(connectionId),
    queryFn: () => fetchSync(connectionId),
    initialData: initial,
    staleTime: 0,
    refetchInterval: (query) => (query.state.data?.state === 'backfilling' || query.state.data?.state === 'not_started' ? 2_000 : false),
  });
}
