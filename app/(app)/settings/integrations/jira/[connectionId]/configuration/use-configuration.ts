'use client';

import { useMutation, useQuery, useQueryClient } from '@tanstack/react-query';
import type { JiraConfig } from '@/lib/integrations/jira/config/config-schema';
import { ApiError, jiraApi, queryKeys, type MetadataState, type SavedConfig } from './api-client';
import { useIdempotencyKey } from './use-idempotency-key';

/**
 * A save whose answer was lost (connection reset, the server restarted after committing) is retried with
 * the same idempotency key: the server answers with the save that landed. Refusals (ApiError) are final.
 */
const retryLostAnswer = (failures: number, error: Error) => !(error instanceof ApiError) && failures < 2;

export function useSavedConfig(connectionId: string, initial: SavedConfig) {
  return useQuery({ queryKey: queryKeys.config(connectionId), queryFn: () => jiraApi.config(connectionId), initialData: initial });
}

export function useMetadata(connectionId: string, initial: MetadataState) {
  return useQuery({
    queryKey: queryKeys.metadata(connectionId),
    queryFn: () => jiraApi.metadata(connectionId),
    initialData: initial,
    // While the server refreshes in the background, poll until fresh data lands: every 500 ms while the
    // editor has nothing to show yet (a cold big-site read takes about a second), else every 2 s.
    refetchInterval: ({ state: { data } }) => (!data?.metadata && !data?.lastError ? 500 : data?.refreshing || !data?.metadata ? 2_000 : false),
  });
}

export function useRefreshMetadata(connectionId: string) {
  const client = useQueryClient();
  return useMutation({
    mutationFn: () => jiraApi.refreshMetadata(connectionId),
    onSuccess: (state) => client.setQueryData(queryKeys.metadata(connectionId), state),
  });
}

/**
 * Saves with the version the edit started from. Optimistic: the saved config shows at once and
 * rolls back if the server refuses (a stale version comes back as ApiError 409 with the other
 * admin's config in its body).
 */
export function useSaveConfig(connectionId: string) {
  const client = useQueryClient();
  const key = queryKeys.config(connectionId);
  const idempotencyKey = useIdempotencyKey();
  return useMutation({
    mutationFn: ({ baseVersion, config }: { baseVersion: number; config: JiraConfig }) =>
      jiraApi.saveConfig(connectionId, baseVersion, config, idempotencyKey({ baseVersion, config })),
    retry: retryLostAnswer,
    onMutate: async ({ config }) => {
      await client.cancelQueries({ queryKey: key });
      const previous = client.getQueryData<SavedConfig>(key);
      if (previous) client.setQueryData<SavedConfig>(key, { ...previous, config });
      return { previous };
    },
    onError: (_error, _input, context) => {
      if (context?.previous) client.setQueryData(key, context.previous);
    },
    onSuccess: (saved) => {
      client.setQueryData<SavedConfig>(key, (current) => ({ ...current!, config: saved.config, version: saved.version, updatedAt: new Date().toISOString() }));
      void client.invalidateQueries({ queryKey: queryKeys.versions(connectionId) });
      // The save recorded a new snapshot of Jira's values: drift flags are reviewed.
      void client.invalidateQueries({ queryKey: queryKeys.metadata(connectionId) });
    },
  });
}

export function useRollback(connectionId: string) {
  const client = useQueryClient();
  const idempotencyKey = useIdempotencyKey();
  return useMutation({
    mutationFn: ({ baseVersion, toVersion }: { baseVersion: number; toVersion: number }) =>
      jiraApi.rollback(connectionId, baseVersion, toVersion, idempotencyKey({ baseVersion, toVersion })),
    retry: retryLostAnswer,
    // The answer is the new saved state: set it at once (a refetch would leave a moment where the editor's
    // base is older than the saved config, which read as an unsaved change).
    onSuccess: (saved) => {
      client.setQueryData<SavedConfig>(queryKeys.config(connectionId), (current) => ({
        ...current!,
        config: saved.config,
        version: saved.version,
        updatedAt: new Date().toISOString(),
      }));
      void client.invalidateQueries({ queryKey: queryKeys.config(connectionId) });
      void client.invalidateQueries({ queryKey: queryKeys.versions(connectionId) });
      void client.invalidateQueries({ queryKey: queryKeys.metadata(connectionId) });
    },
    // Refused because another admin saved meanwhile: the refusal carries their version, which is now the saved
    // state (and a new entry in the history).
    onError: (error) => {
      const theirs = staleConflict(error);
      if (!theirs) return;
      client.setQueryData<SavedConfig>(queryKeys.config(connectionId), theirs);
      void client.invalidateQueries({ queryKey: queryKeys.versions(connectionId) });
    },
  });
}

export function staleConflict(error: unknown): SavedConfig | undefined {
  if (error instanceof ApiError && error.status === 409 && error.body.current && typeof error.body.current === 'object') {
    return error.body.current as SavedConfig;
  }
  return undefined;
}
