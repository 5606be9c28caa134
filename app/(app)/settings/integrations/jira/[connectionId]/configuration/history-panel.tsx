'use client';

import { useQuery } from '@tanstack/react-query';
import { Button } from '@/components/ui/button';
import { jiraApi, queryKeys } from './api-client';
import { useRollback } from './use-configuration';
import { LocalTime } from '@/components/ui/local-time';

interface HistoryPanelProps {
  connectionId: string;
  currentVersion: number;
  canRollBack: boolean;
  blockedReason?: string;
}

export function HistoryPanel({ connectionId, currentVersion, canRollBack, blockedReason }: HistoryPanelProps) {
  const versions = useQuery({ queryKey: queryKeys.versions(connectionId), queryFn: () => jiraApi.versions(connectionId) });
  const rollback = useRollback(connectionId);

  if (versions.isPending) return <p className="text-sm text-zinc-600 dark:text-zinc-400">Loading history…</p>;
  if (versions.isError) return <p role="alert" className="text-sm text-red-700 dark:text-red-300">{versions.error.message}</p>;
  const list = versions.data.versions;

  return (
    <section aria-label="History" className="space-y-3">
      {blockedReason ? <p className="text-sm text-amber-800 dark:text-amber-300">{blockedReason}</p> : null}
      {rollback.isError ? (
        <p role="alert" className="text-sm text-red-700 dark:text-red-300">
          {rollback.error.message}
        </p>
      ) : null}
      {list.length === 0 ? (
        <p className="text-sm text-zinc-600 dark:text-zinc-400">No saved changes yet. Every save becomes a version you can roll back to.</p>
      ) : (
        <ol className="divide-y divide-zinc-100 rounded-xl border border-zinc-200 bg-white shadow-sm dark:divide-zinc-800 dark:border-zinc-800 dark:bg-zinc-900">
          {list.map((version) => (
            <li key={version.version} className="flex flex-wrap items-center justify-between gap-3 px-4 py-3 text-sm">
              <div>
                <p className="font-medium">
                  Version {version.version}
                  {version.version === currentVersion ? <span className="ml-2 text-emerald-700 dark:text-emerald-300">current</span> : null}
                </p>
                <p className="text-zinc-600 dark:text-zinc-400">
                  <LocalTime date={version.createdAt} variant="exact" /> · {version.authorName ?? 'Unknown'} · {version.summary}
                </p>
              </div>
              {canRollBack && version.version !== currentVersion ? (
                <Button
                  type="button"
                  variant="secondary"
                  disabled={rollback.isPending}
                  onClick={() => rollback.mutate({ baseVersion: currentVersion, toVersion: version.version })}
                >
                  Roll back to version {version.version}
                </Button>
              ) : null}
            </li>
          ))}
        </ol>
      )}
    </section>
  );
}
