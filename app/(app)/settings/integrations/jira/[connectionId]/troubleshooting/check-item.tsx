import { Badge } from '@/components/ui/badge';
import { TextWithTimes } from '@/components/ui/text-with-times';
import { CHECK_EXPLAINER, CHECK_OUTCOME } from '@/lib/integrations/jira/diagnostics/presentation';
import type { CheckResult } from '@/lib/integrations/jira/diagnostics/types';
import { CheckAction } from './check-action';
import { RemedyText } from './remedy-text';
import { RunDiagnosticsButton } from './run-diagnostics-button';

const STRIPE = {
  failure: 'border-l-red-500',
  warning: 'border-l-amber-500',
  pass: 'border-l-emerald-500',
  skipped: 'border-l-zinc-300 dark:border-l-zinc-700',
} as const;

export function CheckItem({
  check,
  connectionId,
  isAdmin,
}: {
  check: CheckResult;
  connectionId: string;
  isAdmin: boolean;
}) {
  const outcome = CHECK_OUTCOME[check.outcome];
  const problem = check.outcome === 'failure' || check.outcome === 'warning';
  const headingId = `check-${check.id}`;
  return (
    <li aria-labelledby={headingId} className={`space-y-3 border-l-4 px-5 py-4 ${STRIPE[check.outcome]}`}>
      <div className="flex flex-wrap items-center gap-2">
        <h3 id={headingId} className="font-semibold">
          {check.title}
        </h3>
        <Badge tone={outcome.tone}>{outcome.label}</Badge>
      </div>
      {problem ? <p className="text-xs text-zinc-600 dark:text-zinc-400">{CHECK_EXPLAINER[check.id]}</p> : null}
      <p className="text-sm">
        <TextWithTimes text={check.summary} />
      </p>
      {check.remedy && problem ? (
        <div className="rounded-lg bg-zinc-50 px-4 py-3 text-sm ring-1 ring-zinc-200 dark:bg-zinc-950 dark:ring-zinc-800">
          <h4 className="mb-1.5 font-semibold">What to do</h4>
          <RemedyText text={check.remedy} />
        </div>
      ) : check.remedy ? (
        <p className="text-sm text-zinc-600 dark:text-zinc-400">
          <TextWithTimes text={check.remedy} />
        </p>
      ) : null}
      {check.action && problem ? (
        <CheckAction action={check.action} connectionId={connectionId} isAdmin={isAdmin} />
      ) : null}
      {check.id === 'app_credentials' && isAdmin && check.evidence.length > 0 ? (
        <RunDiagnosticsButton
          connectionId={connectionId}
          label="Verify credentials"
          pendingLabel="Verifying credentials…"
          variant="secondary"
          verifyCredentials
        />
      ) : null}
      {check.evidence.length > 0 ? (
        <details className="text-sm">
          <summary className="cursor-pointer font-medium text-indigo-700 dark:text-indigo-300">
            Evidence: what Portico asked, what Atlassian answered
          </summary>
          <dl className="mt-2 grid grid-cols-1 gap-x-4 gap-y-1.5 sm:grid-cols-[minmax(0,1fr)_minmax(0,1fr)]">
            {check.evidence.map((entry, index) => (
              <div key={index} className="contents">
                <dt className="wrap-anywhere text-zinc-600 dark:text-zinc-400">
                  <TextWithTimes text={entry.asked} />
                </dt>
                <dd className="wrap-anywhere font-mono text-xs">
                  <TextWithTimes text={entry.answered} />
                </dd>
              </div>
            ))}
          </dl>
        </details>
      ) : null}
    </li>
  );
}
