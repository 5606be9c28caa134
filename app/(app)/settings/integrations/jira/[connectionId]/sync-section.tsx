'use client';

import { useQueryClient } from '@tanstack/react-query';
import Link from 'next/link';
import { useState, useTransition } from 'react';
import { BackfillProgress } from '@/components/integrations/backfill-progress';
import { Badge, type BadgeTone } from '@/components/ui/badge';
import { Button } from '@/components/ui/button';
import { LocalTime } from '@/components/ui/local-time';
import type { SyncStateResponse } from '@/lib/api/v1/sync-schemas';
import { STANDARD_STATUS_INFO, STANDARD_STATUSES } from '@/lib/integrations/jira/mapping/standard-model';
import { ticketPageHref } from '@/lib/tickets/ticket-page-params';
import { ActionResultText, type ActionResult } from './action-result';
import { reconcileJiraNow, setJiraSyncPaused, syncJiraNow } from './actions';
import { ReconciliationReport } from './reconciliation-report';
import { RefreshIntervalForm } from './refresh-interval-form';
import { syncQueryKey, useSyncState } from './sync-state';
import { WebhookState } from './webhook-state';
import { DETAIL_LIST } from '@/components/ui/detail-list';

const STATE: Record<SyncStateResponse['state'], { label: string; tone: BadgeTone }> = {
  not_started: { label: 'Starting', tone: 'info' },
  backfilling: { label: 'Backfilling', tone: 'info' },
  up_to_date: { label: 'Up to date', tone: 'success' },
  paused: { label: 'Paused', tone: 'warning' },
  failing: { label: 'Failing', tone: 'danger' },
  disconnected: { label: 'Not connected', tone: 'neutral' },
};

const number = new Intl.NumberFormat('en');
const every = (secs: number) => (secs % 3600 === 0 ? `${secs / 3600} h` : secs % 60 === 0 ? `${secs / 60} min` : `${secs} s`);

interface SyncSectionProps {
  connectionId: string;
  isAdmin: boolean;
  refreshIntervalSecs: number;
  initial: SyncStateResponse;
}

/** Where the issue sync of this connection stands, live while it backfills; admins act on it, members read. */
export function SyncSection({ connectionId, isAdmin, refreshIntervalSecs, initial }: SyncSectionProps) {
  // Set by Reconcile now: the state is polled until a run started after it has finished (sync-state.ts).
  const [reconcileAskedAt, setReconcileAskedAt] = useState<number | null>(null);
  const sync = useSyncState(connectionId, initial, reconcileAskedAt).data;
  const queryClient = useQueryClient();
  const [pending, startTransition] = useTransition();
  // Shown beside the button that asked: Sync now/Pause/Resume, or Reconcile now.
  const [result, setResult] = useState<ActionResult & { from: 'sync' | 'reconcile' }>();
  const report = sync.reconciliation;
  const state = STATE[sync.state];
  const refresh = () => void queryClient.invalidateQueries({ queryKey: syncQueryKey(connectionId) });
  const act = (action: () => ReturnType<typeof syncJiraNow>, from: 'sync' | 'reconcile' = 'sync') =>
    startTransition(async () => {
      const answer = await action();
      setResult(answer.ok ? { ok: true, text: answer.message ?? 'Done.', from } : { ok: false, text: answer.error, from });
      refresh();
    });
  const counted = STANDARD_STATUSES.filter((status) => sync.counts_by_status[status] > 0);

  return (
    <section aria-labelledby="sync-title" className="rounded-xl border border-zinc-200 bg-white p-5 shadow-sm dark:border-zinc-800 dark:bg-zinc-900">
      <div className="flex flex-wrap items-center gap-3">
        <h2 id="sync-title" className="font-semibold">Issue sync</h2>
        <Badge tone={state.tone}>{state.label}</Badge>
      </div>

      <div className="mt-4 space-y-3 text-sm">
        {sync.state === 'backfilling' || sync.state === 'not_started' ? (
          <BackfillProgress done={sync.backfill.done} totalEstimate={sync.backfill.total_estimate} label="Backfill progress" />
        ) : null}
        {sync.state === 'up_to_date' ? <p>Every issue of the selected projects is in Portico; changes arrive at each sync.</p> : null}
        {sync.state === 'paused' ? <p>Paused: Portico makes no Jira call for this site until an admin resumes the sync. Changes made in Jira meanwhile arrive on resume.</p> : null}
        {sync.state === 'disconnected' ? <p>The sync stopped because the connection is not authorized. Reconnect to resume it.</p> : null}
        {sync.failure ? (
          <div role="alert" className="rounded-lg bg-red-50 px-4 py-3 text-red-900 ring-1 ring-red-600/20 dark:bg-red-950/50 dark:text-red-200">
            <p className="font-medium">{sync.failure.message}</p>
            <p className="mt-1">{sync.failure.remedy}</p>
            {sync.failure.since ? (
              <p className="mt-1 text-xs">
                Failing since <LocalTime date={sync.failure.since} />
              </p>
            ) : null}
          </div>
        ) : null}
      </div>

      <dl className={`mt-4 ${DETAIL_LIST}`}>
        <dt className="text-zinc-600 dark:text-zinc-400">Last successful sync</dt>
        <dd>{sync.last_success_at ? <LocalTime date={sync.last_success_at} /> : 'Not yet'}</dd>
        <dt className="text-zinc-600 dark:text-zinc-400">Next sync</dt>
        <dd>{sync.next_sync_at ? <LocalTime date={sync.next_sync_at} /> : sync.paused ? 'Not while paused' : '—'}</dd>
        <dt className="text-zinc-600 dark:text-zinc-400">Syncs every</dt>
        <dd>{every(refreshIntervalSecs)}</dd>
        <dt className="text-zinc-600 dark:text-zinc-400">Tickets</dt>
        <dd>
          <Link href={ticketPageHref({ connectionId })} className="font-medium text-indigo-700 hover:underline dark:text-indigo-300">
            {number.format(sync.ticket_count)} {sync.ticket_count === 1 ? 'ticket' : 'tickets'}
          </Link>
        </dd>
      </dl>

      {counted.length > 0 ? (
        <ul aria-label="Tickets by standard status" className="mt-4 flex flex-wrap gap-2">
          {counted.map((status) => (
            <li key={status}>
              <Link
                href={ticketPageHref({ connectionId, statuses: [status] })}
                className="inline-flex items-center gap-2 rounded-md px-2.5 py-1.5 text-sm ring-1 ring-zinc-200 hover:bg-zinc-50 dark:ring-zinc-700 dark:hover:bg-zinc-800"
              >
                <span>{STANDARD_STATUS_INFO[status].label}</span>
                <span className="font-semibold tabular-nums">{number.format(sync.counts_by_status[status])}</span>
              </Link>
            </li>
          ))}
        </ul>
      ) : null}

      <WebhookState webhooks={sync.webhooks} />
      <ReconciliationReport
        report={report}
        isAdmin={isAdmin}
        disabled={pending || report?.state === 'running' || sync.paused || sync.state === 'disconnected'}
        result={result?.from === 'reconcile' ? result : undefined}
        onReconcile={() =>
          act(async () => {
            const answer = await reconcileJiraNow({ connectionId });
            if (answer.ok) setReconcileAskedAt(Date.now());
            return answer;
          }, 'reconcile')
        }
      />

      {isAdmin ? (
        <div className="mt-6 grid gap-6 border-t border-zinc-100 pt-4 md:grid-cols-2 dark:border-zinc-800">
          <div className="flex flex-col items-start gap-2">
            <div className="flex flex-wrap gap-2">
              <Button type="button" disabled={pending || sync.paused || sync.state === 'disconnected'} onClick={() => act(() => syncJiraNow({ connectionId }))}>
                Sync now
              </Button>
              {sync.paused ? (
                <Button type="button" variant="secondary" disabled={pending} onClick={() => act(() => setJiraSyncPaused({ connectionId, paused: false }))}>
                  Resume
                </Button>
              ) : (
                <Button type="button" variant="secondary" disabled={pending} onClick={() => act(() => setJiraSyncPaused({ connectionId, paused: true }))}>
                  Pause
                </Button>
              )}
            </div>
            {result?.from === 'sync' ? <ActionResultText result={result} /> : null}
          </div>
          <RefreshIntervalForm connectionId={connectionId} secs={refreshIntervalSecs} onSaved={refresh} />
        </div>
      ) : (
        <p className="mt-4 text-sm text-zinc-600 dark:text-zinc-400">Only admins can start, pause or schedule the sync.</p>
      )}
    </section>
  );
}
