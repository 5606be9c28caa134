'use client';

import { Button } from '@/components/ui/button';
import { plural } from '@/lib/format/plural';
import type { MetadataState } from './api-client';

function ago(iso: string): string {
  const seconds = Math.max(0, Math.round((Date.now() - new Date(iso).getTime()) / 1000));
  if (seconds < 60) return 'just now';
  if (seconds < 3600) return `${Math.round(seconds / 60)} min ago`;
  if (seconds < 86_400) return `${Math.round(seconds / 3600)} h ago`;
  return `${Math.round(seconds / 86_400)} days ago`;
}

export function MetadataFreshness({ state, refreshing, onRefresh }: { state: MetadataState; refreshing: boolean; onRefresh: () => void }) {
  const busy = refreshing || state.refreshing;
  return (
    <div className="flex flex-wrap items-center gap-3 text-sm text-zinc-600 dark:text-zinc-400">
      <span aria-live="polite">
        {state.metadata ? `Jira data from ${ago(state.metadata.fetchedAt)}` : 'No Jira data yet'}
        {state.metadata && state.stale && !busy ? ' (may be out of date)' : ''}
        {busy ? ' · refreshing…' : ''}
        {state.metadata ? ` · ${plural(state.metadata.statuses.length, 'status', 'statuses')}, ${plural(state.metadata.priorities.length, 'priority', 'priorities')}, ${plural(state.metadata.projects.length, 'project')}` : ''}
      </span>
      <Button type="button" variant="secondary" disabled={busy} onClick={onRefresh}>
        Refresh from Jira
      </Button>
      {state.refresh?.message ? (
        <p role="status" className="w-full">
          {state.refresh.message}
        </p>
      ) : null}
      {state.lastError ? (
        <p role="alert" className="w-full rounded-md bg-amber-50 px-3 py-2 text-amber-900 dark:bg-amber-950/50 dark:text-amber-200">
          The last refresh failed: {state.lastError.message} {state.metadata ? 'Showing the last good data.' : ''}
        </p>
      ) : null}
    </div>
  );
}
