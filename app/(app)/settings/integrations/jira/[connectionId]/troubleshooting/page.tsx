import type { Metadata } from 'next';
import Link from 'next/link';
import { notFound } from 'next/navigation';
import { ConnectionStateBadges } from '@/components/integrations/health-badge';
import { WarningNotice } from '@/components/ui/warning-notice';
import { getJiraConnection } from '@/db/queries/jira-connections';
import { requireOrgMember } from '@/lib/auth/guards';
import { getConnectionView } from '@/lib/integrations/jira/connection-views';
import { listDiagnosticRuns } from '@/lib/integrations/jira/diagnostics';
import { resultsHeading, resultsNote } from '@/lib/integrations/jira/diagnostics/results-heading';
import { bySeverity, describeRunStarter } from '@/lib/integrations/jira/diagnostics/presentation';
import { CheckItem } from './check-item';
import { RunDiagnosticsButton } from './run-diagnostics-button';
import { RunHistory } from './run-history';
import { LocalTime } from '@/components/ui/local-time';

export const metadata: Metadata = { title: 'Jira troubleshooting' };

export default async function JiraTroubleshootingPage({
  params,
}: PageProps<'/settings/integrations/jira/[connectionId]/troubleshooting'>) {
  const member = await requireOrgMember();
  const { connectionId } = await params;
  const connection = await getJiraConnection(member.orgId, connectionId);
  if (!connection) notFound();
  const [runs, view] = await Promise.all([listDiagnosticRuns(member.orgId, connection.id, 20), getConnectionView(member.orgId, connection)]);
  const latest = runs[0];
  const isAdmin = member.role === 'admin';
  const note = latest ? resultsNote({ status: connection.status, connectedAt: connection.connectedAt, latest, view }) : undefined;

  return (
    <div className="space-y-8">
      <div>
        <Link
          href={`/settings/integrations/jira/${connection.id}`}
          className="text-sm font-medium text-indigo-700 hover:underline dark:text-indigo-300"
        >
          ← {connection.siteName ?? 'Jira connection'}
        </Link>
        <div className="mt-2 flex flex-wrap items-center gap-3">
          <h1 className="text-lg font-semibold">Troubleshooting</h1>
          <ConnectionStateBadges view={view} />
        </div>
        <p className="mt-1 max-w-3xl text-sm text-zinc-600 dark:text-zinc-400">
          Diagnostics check everything a Jira connection depends on, from Portico’s app at Atlassian to each project in
          the filter, and say what to do about anything wrong. They run after every connect and reconnect, and again
          when 6 hours have passed since the last run.
        </p>
      </div>

      <section
        aria-labelledby="results-title"
        className="rounded-xl border border-zinc-200 bg-white shadow-sm dark:border-zinc-800 dark:bg-zinc-900"
      >
        <div className="flex flex-wrap items-start justify-between gap-4 px-5 pt-5">
          <div>
            <h2 id="results-title" className="font-semibold">
              {latest ? resultsHeading(latest.checks) : 'Latest results'}
            </h2>
            {latest ? (
              <p className="mt-1 text-sm text-zinc-600 dark:text-zinc-400">
                Last run <LocalTime date={latest.startedAt} variant="exact" /> · {describeRunStarter(latest)} · took{' '}
                {((latest.finishedAt.getTime() - latest.startedAt.getTime()) / 1000).toFixed(1)} s
              </p>
            ) : null}
          </div>
          {isAdmin ? (
            <RunDiagnosticsButton
              connectionId={connection.id}
              label={latest ? 'Run diagnostics again' : 'Run diagnostics'}
            />
          ) : (
            <p className="text-sm text-zinc-600 dark:text-zinc-400">Only admins can run diagnostics.</p>
          )}
        </div>
        {note ? (
          <div className="mt-4 px-5">
            <WarningNotice role="status">{note}</WarningNotice>
          </div>
        ) : null}
        {latest ? (
          <ul
            aria-label="Checks"
            className="mt-4 divide-y divide-zinc-100 border-t border-zinc-100 dark:divide-zinc-800 dark:border-zinc-800"
          >
            {bySeverity(latest.checks).map((check) => (
              <CheckItem key={check.id} check={check} connectionId={connection.id} isAdmin={isAdmin} />
            ))}
          </ul>
        ) : (
          <p className="px-5 py-4 text-sm text-zinc-600 dark:text-zinc-400">
            No diagnostics have run for this connection yet.
          </p>
        )}
      </section>

      <RunHistory runs={runs} />
    </div>
  );
}
