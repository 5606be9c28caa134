'use client';

import { Badge, type BadgeTone } from '@/components/ui/badge';
import { Button } from '@/components/ui/button';
import { LocalTime } from '@/components/ui/local-time';
import type { ReconciliationResponse } from '@/lib/api/v1/sync-schemas';
import { ActionResultText, type ActionResult } from './action-result';

const STATE: Record<ReconciliationResponse['state'], { label: string; tone: BadgeTone }> = {
  running: { label: 'Running', tone: 'info' },
  completed: { label: 'Completed', tone: 'success' },
  failed: { label: 'Did not complete', tone: 'danger' },
};
const TRIGGER: Record<ReconciliationResponse['trigger'], string> = { schedule: 'daily run', admin: 'Reconcile now', api: 'REST API' };

const number = new Intl.NumberFormat('en');
const count = (n: number | null) => (n === null ? '—' : number.format(n));

interface ReconciliationReportProps {
  report: ReconciliationResponse | null;
  isAdmin: boolean;
  /** Disabled while an action runs or the connection cannot be reconciled; the reason is said by the server. */
  disabled: boolean;
  onReconcile: () => void;
  /** What the last Reconcile now answered. */
  result?: ActionResult;
}

/** The latest comparison of Jira's issue ids with Portico's tickets: what was missing (now deleted) and extra. */
export function ReconciliationReport({ report, isAdmin, disabled, onReconcile, result }: ReconciliationReportProps) {
  const state = report ? STATE[report.state] : null;
  return (
    <div role="group" aria-labelledby="reconciliation-title" className="mt-6 border-t border-zinc-100 pt-4 dark:border-zinc-800">
      <div className="flex flex-wrap items-center gap-3">
        <h3 id="reconciliation-title" className="text-sm font-semibold">Reconciliation</h3>
        {state ? <Badge tone={state.tone}>{state.label}</Badge> : null}
        {isAdmin ? (
          <Button type="button" variant="secondary" className="ml-auto" disabled={disabled} onClick={onReconcile}>
            Reconcile now
          </Button>
        ) : null}
      </div>
      {result ? (
        <div className="mt-2 flex justify-end">
          <ActionResultText result={result} />
        </div>
      ) : null}
      <p className="mt-2 text-sm text-zinc-600 dark:text-zinc-400">
        Once a day Portico compares every issue id Jira lists for this connection with its tickets: missing tickets (deleted in Jira, or no longer in the filter) are removed, and extra issues (in Jira, not yet in Portico) are fetched.
      </p>
      {report ? (
        <>
          <p className="mt-3 text-sm">
            {report.state === 'running' ? 'Started ' : 'Last run '}
            <LocalTime date={report.completed_at ?? report.started_at} /> ({TRIGGER[report.trigger]})
          </p>
          {report.error ? (
            <p role="alert" className="mt-2 text-sm text-red-700 dark:text-red-300">
              {report.error.message}
            </p>
          ) : null}
          {report.in_jira !== null ? (
            <dl aria-label="Reconciliation counts" className="mt-3 grid grid-cols-2 gap-3 text-sm sm:grid-cols-4">
              {(
                [
                  ['In Jira', report.in_jira],
                  ['In Portico', report.in_portico],
                  ['Missing', report.missing],
                  ['Extra', report.extra],
                ] as const
              ).map(([label, value]) => (
                <div key={label} className="rounded-lg px-3 py-2 ring-1 ring-zinc-200 dark:ring-zinc-700">
                  <dt className="text-zinc-600 dark:text-zinc-400">{label}</dt>
                  <dd className="text-lg font-semibold tabular-nums">{count(value)}</dd>
                </div>
              ))}
            </dl>
          ) : null}
          <Examples label="Missing" keys={report.examples.missing} />
          <Examples label="Extra" keys={report.examples.extra} />
        </>
      ) : (
        <p className="mt-3 text-sm">Not reconciled yet: it runs once a day after the backfill is complete.</p>
      )}
    </div>
  );
}

function Examples({ label, keys }: { label: string; keys: string[] }) {
  if (keys.length === 0) return null;
  return (
    <p className="mt-2 text-sm">
      <span className="text-zinc-600 dark:text-zinc-400">{label}, for example: </span>
      <span className="font-mono">{keys.join(', ')}</span>
    </p>
  );
}
