'use client';

import { useQuery } from '@tanstack/react-query';
import { useEffect, useState } from 'react';
import { plural } from '@/lib/format/plural';
import type { JiraConfig } from '@/lib/integrations/jira/config/config-schema';
import { foldCounts } from '@/lib/integrations/jira/mapping/editor-rows';
import {
  STANDARD_PRIORITY_INFO,
  STANDARD_STATUS_INFO,
  STANDARD_STATUSES,
  type StandardPriority,
  type StandardStatus,
} from '@/lib/integrations/jira/mapping/standard-model';
import type { JiraStatusMeta } from '@/lib/integrations/jira/metadata/types';
import { PREVIEW_LIMITS } from '@/lib/integrations/jira/preview/plan-counts';
import { jiraApi, queryKeys } from './api-client';

const number = new Intl.NumberFormat('en');

interface PreviewPanelProps {
  connectionId: string;
  statuses: JiraStatusMeta[];
  draft: JiraConfig;
  saved: JiraConfig;
}

/** What the mapping does to real issues, before and after the unsaved edits. */
export function PreviewPanel({ connectionId, statuses, draft, saved }: PreviewPanelProps) {
  const preview = useQuery({
    queryKey: queryKeys.preview(connectionId, draft.projectFilter),
    // The server picks the statuses to count from its cached Jira data; the ids are its fallback.
    queryFn: () =>
      jiraApi.preview(
        connectionId,
        draft.projectFilter,
        statuses.map((status) => status.id),
      ),
    staleTime: 60_000,
  });
  if (preview.isPending)
    return <PreviewProgress statuses={statuses.length} filtered={draft.projectFilter.length > 0} />;
  if (preview.isError)
    return (
      <p role="alert" className="text-sm text-red-700 dark:text-red-300">
        {preview.error.message}
      </p>
    );

  const nameOf = (id: string) => statuses.find((status) => status.id === id)?.name ?? `Status ${id}`;
  const { notCounted, uncounted, hiddenProjectKeys } = preview.data;
  // Synced tickets are counted exactly in Portico; Jira's counts are approximate.
  const synced = preview.data.source === 'synced_tickets';
  const total = Object.values(preview.data.counts).reduce((sum, count) => sum + count, 0);
  const figure = (count: number) => (synced ? number.format(count) : `about ${number.format(count)}`);
  const before = foldCounts<StandardStatus>(preview.data.counts, saved.statusMapping, 'UNKNOWN');
  const after = foldCounts<StandardStatus>(preview.data.counts, draft.statusMapping, 'UNKNOWN');
  const statusOf = (projectKey: string, statusId: string | null): StandardStatus =>
    (statusId && (draft.projectOverrides[projectKey]?.[statusId] ?? draft.statusMapping[statusId])) || 'UNKNOWN';
  const priorityOf = (priorityId: string | null): StandardPriority =>
    (priorityId && draft.priorityMapping[priorityId]) || 'UNKNOWN';

  return (
    <section aria-label="Preview" className="space-y-6">
      <div className="overflow-x-auto rounded-xl border border-zinc-200 bg-white shadow-sm dark:border-zinc-800 dark:bg-zinc-900">
        <table className="w-full text-left text-sm">
          <caption className="px-4 pt-3 text-left text-sm text-zinc-600 dark:text-zinc-400">
            {synced
              ? `How many issues each standard status would hold within the project filter, from ${number.format(total)} synced ${total === 1 ? 'ticket' : 'tickets'} (connection-wide mapping, no Jira call).`
              : `How many issues each standard status would hold within the project filter: about ${number.format(total)}, counted in Jira (approximate counts, connection-wide mapping${preview.data.cachedCounts ? ', some counted in the last few minutes' : ''}). Synced tickets answer instead once the first sync of these projects completes.`}
          </caption>
          <thead className="text-xs uppercase tracking-wide text-zinc-600 dark:text-zinc-400">
            <tr>
              <th scope="col" className="px-4 py-2 font-medium">
                Standard status
              </th>
              <th scope="col" className="px-4 py-2 text-right font-medium">
                Saved mapping
              </th>
              <th scope="col" className="px-4 py-2 text-right font-medium">
                With your edits
              </th>
            </tr>
          </thead>
          <tbody className="divide-y divide-zinc-100 dark:divide-zinc-800">
            {STANDARD_STATUSES.filter((status) => before[status] || after[status]).map((status) => (
              <tr key={status}>
                <th scope="row" className="px-4 py-2 font-medium">
                  {STANDARD_STATUS_INFO[status].label}
                </th>
                <td className="px-4 py-2 text-right tabular-nums">{figure(before[status] ?? 0)}</td>
                <td
                  className={`px-4 py-2 text-right tabular-nums ${(before[status] ?? 0) !== (after[status] ?? 0) ? 'font-semibold text-indigo-700 dark:text-indigo-300' : ''}`}
                >
                  {figure(after[status] ?? 0)}
                </td>
              </tr>
            ))}
          </tbody>
        </table>
        {notCounted.length || uncounted.length || hiddenProjectKeys.length ? (
          <div
            role="note"
            className="space-y-1 border-t border-zinc-100 px-4 py-3 text-sm text-zinc-600 dark:border-zinc-800 dark:text-zinc-400"
          >
            <p className="font-medium text-zinc-800 dark:text-zinc-200">Not in these figures</p>
            {hiddenProjectKeys.length ? (
              <p>
                {hiddenProjectKeys.join(', ')}: not visible to the Jira user who connected Portico, so not counted.
                Grant that user Browse Projects, or remove {hiddenProjectKeys.length === 1 ? 'it' : 'them'} under
                Projects.
              </p>
            ) : null}
            {notCounted.length ? (
              <p title={notCounted.map(nameOf).join(', ')}>
                {plural(notCounted.length, 'status', 'statuses')} not counted, to spare Jira’s request quota (shared by
                every Portico customer): {notCounted.slice(0, 8).map(nameOf).join(', ')}
                {notCounted.length > 8 ? ` and ${notCounted.length - 8} more` : ''}. Choose projects under Projects to
                count theirs.
              </p>
            ) : null}
            {uncounted.length ? (
              <p>
                {plural(uncounted.length, 'status', 'statuses')} could not be counted (Jira refused or was busy):{' '}
                {uncounted.slice(0, 8).map(nameOf).join(', ')}. Try the preview again in a minute.
              </p>
            ) : null}
          </div>
        ) : null}
      </div>

      <div className="overflow-x-auto rounded-xl border border-zinc-200 bg-white shadow-sm dark:border-zinc-800 dark:bg-zinc-900">
        <table className="w-full text-left text-sm">
          <caption className="px-4 pt-3 text-left text-sm text-zinc-600 dark:text-zinc-400">
            Recently updated {synced ? 'synced tickets' : 'issues'} through your filter and edited mappings.
          </caption>
          <thead className="text-xs uppercase tracking-wide text-zinc-600 dark:text-zinc-400">
            <tr>
              <th scope="col" className="px-4 py-2 font-medium">
                Issue
              </th>
              <th scope="col" className="px-4 py-2 font-medium">
                Summary
              </th>
              <th scope="col" className="px-4 py-2 font-medium">
                Status
              </th>
              <th scope="col" className="px-4 py-2 font-medium">
                Priority
              </th>
            </tr>
          </thead>
          <tbody className="divide-y divide-zinc-100 dark:divide-zinc-800">
            {preview.data.issues.map((issue) => (
              <tr key={issue.key}>
                <th scope="row" className="whitespace-nowrap px-4 py-2 font-mono text-xs">
                  {issue.key}
                </th>
                <td className="max-w-72 truncate px-4 py-2">{issue.summary}</td>
                <td className="whitespace-nowrap px-4 py-2">
                  {issue.statusName ?? '—'} →{' '}
                  <strong>{STANDARD_STATUS_INFO[statusOf(issue.projectKey, issue.statusId)].label}</strong>
                </td>
                <td className="whitespace-nowrap px-4 py-2">
                  {issue.priorityName ?? '—'} →{' '}
                  <strong>{STANDARD_PRIORITY_INFO[priorityOf(issue.priorityId)].label}</strong>
                </td>
              </tr>
            ))}
          </tbody>
        </table>
        {preview.data.issues.length === 0 ? (
          <p className="px-4 py-6 text-center text-sm text-zinc-600 dark:text-zinc-400">No issues in these projects.</p>
        ) : null}
      </div>
    </section>
  );
}

/**
 * What the preview is waiting for while Jira counts: on a big site without a filter that is dozens of
 * approximate counts, so the admin sees which, and for how long, rather than a bare "Counting…".
 */
function PreviewProgress({ statuses, filtered }: { statuses: number; filtered: boolean }) {
  const [seconds, setSeconds] = useState(0);
  useEffect(() => {
    const timer = setInterval(() => setSeconds((value) => value + 1), 1000);
    return () => clearInterval(timer);
  }, []);
  const counts = Math.min(statuses, PREVIEW_LIMITS.maxCounts);
  return (
    <div
      role="status"
      className="space-y-2 rounded-xl border border-zinc-200 bg-white px-4 py-4 text-sm text-zinc-700 shadow-sm dark:border-zinc-800 dark:bg-zinc-900 dark:text-zinc-300"
    >
      <p className="font-medium">
        Counting issues{filtered ? ' in the filtered projects' : ' in every project the authorizing user can see'}…
      </p>
      <p className="text-zinc-600 dark:text-zinc-400">
        Waiting for Jira:{' '}
        {counts > 0
          ? `up to ${plural(counts, 'issue count')} (one per status in use, counts made in the last 3 minutes are reused)`
          : 'the statuses in use'}{' '}
        and a sample of 20 recently updated issues{seconds >= 2 ? ` · ${seconds} s so far` : ''}.
      </p>
      <div aria-hidden="true" className="h-1 overflow-hidden rounded bg-zinc-100 dark:bg-zinc-800">
        <div className="h-full w-1/3 animate-pulse rounded bg-indigo-500 motion-reduce:animate-none" />
      </div>
    </div>
  );
}
