'use client';

import { useQuery } from '@tanstack/react-query';
import type { SyncStateResponse } from '@/lib/api/v1/sync-schemas';

export const syncQueryKey = (connectionId: string) => ['jira', connectionId, 'sync'] as const;

async function fetchSync(connectionId: string): Promise<SyncStateResponse> {
  const response = await fetch(`/api/integrations/jira/connections/${connectionId}/sync`);
  if (!response.ok) throw new Error('Portico could not read the sync state. Reload the page.');
  return (await response.json()) as SyncStateResponse;
}

export function syncRefetchInterval(state: SyncStateResponse['state'] | undefined): number | false {
  if (state === 'backfilling' || state === 'not_started') return 2_000;
  return state === 'paused' || state === 'disconnected' ? false : 30_000;
}

/**
 * The sync state: polled every 2 s while issues are read for the first time, every 30 s while syncs come
 * and go on their own (so "Last successful sync" and "Next sync" never go stale on an open page), and not
 * while nothing can change without an admin (paused, not connected).
 */
export function useSyncState(connectionId: string, initial: SyncStateResponse) {
  return useQuery({
    queryKey: syncQueryKey(connectionId),
    queryFn: () => fetchSync(connectionId),
    initialData: initial,
    staleTime: 0,
    refetchInterval: (query) => syncRefetchInterval(query.state.data?.state),
  });
}
