import { Badge } from '@/components/ui/badge';
import { LocalTime } from '@/components/ui/local-time';
import { describeRunStarter, RUN_HEALTH } from '@/lib/integrations/jira/diagnostics/presentation';
import type { DiagnosticRun } from '@/lib/integrations/jira/diagnostics/types';
import { TableScroll } from '@/components/ui/table-scroll';

function problems(run: DiagnosticRun): string {
  const titles = run.checks
    .filter((check) => check.outcome === 'failure' || check.outcome === 'warning')
    .map((check) => check.title);
  return titles.length ? titles.join(', ') : 'None';
}

export function RunHistory({ runs }: { runs: DiagnosticRun[] }) {
  return (
    <section
      aria-labelledby="history-title"
      className="rounded-xl border border-zinc-200 bg-white shadow-sm dark:border-zinc-800 dark:bg-zinc-900"
    >
      <h2 id="history-title" className="px-5 pt-5 font-semibold">
        Past runs
      </h2>
      {runs.length === 0 ? (
        <p className="px-5 py-4 text-sm text-zinc-600 dark:text-zinc-400">No runs yet.</p>
      ) : (
        <TableScroll label="Past runs" className="mt-3">
          <table className="w-full text-left text-sm">
            <thead className="border-y border-zinc-100 text-xs uppercase tracking-wide text-zinc-600 dark:border-zinc-800 dark:text-zinc-400">
              <tr>
                <th scope="col" className="px-5 py-2 font-medium">
                  When
                </th>
                <th scope="col" className="px-5 py-2 font-medium">
                  Started by
                </th>
                <th scope="col" className="px-5 py-2 font-medium">
                  Result
                </th>
                <th scope="col" className="px-5 py-2 font-medium">
                  Checks needing attention
                </th>
                <th scope="col" className="px-5 py-2 font-medium">
                  Took
                </th>
              </tr>
            </thead>
            <tbody className="divide-y divide-zinc-100 dark:divide-zinc-800">
              {runs.map((run) => (
                <tr key={run.id}>
                  <td className="whitespace-nowrap px-5 py-2.5">
                    <LocalTime date={run.startedAt} variant="exact" />
                  </td>
                  <td className="px-5 py-2.5">{describeRunStarter(run)}</td>
                  <td className="px-5 py-2.5">
                    <Badge tone={RUN_HEALTH[run.outcome].tone}>{RUN_HEALTH[run.outcome].label}</Badge>
                  </td>
                  <td className="px-5 py-2.5">{problems(run)}</td>
                  <td className="whitespace-nowrap px-5 py-2.5">
                    {((run.finishedAt.getTime() - run.startedAt.getTime()) / 1000).toFixed(1)} s
                  </td>
                </tr>
              ))}
            </tbody>
          </table>
        </TableScroll>
      )}
    </section>
  );
}
