'use client';

import { useQuery } from '@tanstack/react-query';
import type { JiraConfig } from '@/lib/integrations/jira/config/config-schema';
import type { ConfigNames } from '@/lib/integrations/jira/config/describe-changes';
import { LocalTime } from '@/components/ui/local-time';
import { jiraApi, queryKeys, type SavedConfig } from './api-client';
import { RollbackDialog } from './rollback-dialog';

interface HistoryPanelProps {
  connectionId: string;
  /** The saved version the editor shows, and its configuration: a rollback is guarded by it and diffed against it. */
  current: { version: number; config: JiraConfig };
  names: ConfigNames;
  canRollBack: boolean;
  blockedReason?: string;
  onRolledBack: (saved: { version: number; config: JiraConfig }, toVersion: number) => void;
  /** A rollback met another admin's save: `theirs` is now the current version. */
  onRollbackRefused: (theirs: SavedConfig, fromVersion: number) => void;
}

export function HistoryPanel({ connectionId, current, names, canRollBack, blockedReason, onRolledBack, onRollbackRefused }: HistoryPanelProps) {
  const versions = useQuery({ queryKey: queryKeys.versions(connectionId), queryFn: () => jiraApi.versions(connectionId) });

  if (versions.isPending) return <p className="text-sm text-zinc-600 dark:text-zinc-400">Loading history…</p>;
  if (versions.isError) return <p role="alert" className="text-sm text-red-700 dark:text-red-300">{versions.error.message}</p>;
  const list = versions.data.versions;

  return (
    <section aria-label="History" className="space-y-3">
      {blockedReason ? <p className="text-sm text-amber-800 dark:text-amber-300">{blockedReason}</p> : null}
      {list.length === 0 ? (
        <p className="text-sm text-zinc-600 dark:text-zinc-400">No saved changes yet. Every save becomes a version you can roll back to.</p>
      ) : (
        <ol className="divide-y divide-zinc-100 rounded-xl border border-zinc-200 bg-white shadow-sm dark:divide-zinc-800 dark:border-zinc-800 dark:bg-zinc-900">
          {list.map((version) => (
            <li key={version.version} className="flex flex-wrap items-center justify-between gap-3 px-4 py-3 text-sm">
              <div>
                <p className="font-medium">
                  Version {version.version}
                  {version.version === current.version ? <span className="ml-2 text-emerald-700 dark:text-emerald-300">current</span> : null}
                </p>
                <p className="text-zinc-600 dark:text-zinc-400">
                  <LocalTime date={version.createdAt} variant="exact" /> · {version.authorName ?? 'Unknown'} · {version.summary}
                </p>
              </div>
              {canRollBack && version.version !== current.version ? (
                <RollbackDialog
                  connectionId={connectionId}
                  current={current}
                  toVersion={version.version}
                  names={names}
                  onRolledBack={(saved) => onRolledBack(saved, version.version)}
                  onRefused={(theirs) => onRollbackRefused(theirs, current.version)}
                />
              ) : null}
            </li>
          ))}
        </ol>
      )}
    </section>
  );
}
