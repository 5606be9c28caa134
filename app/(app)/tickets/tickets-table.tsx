import { LocalTime } from '@/components/ui/local-time';
import type { TicketRow } from '@/db/queries/jira-tickets';
import { jiraBrowseUrl } from '@/lib/integrations/jira/browse-url';
import { PriorityCell, StatusCell } from './ticket-badges';

const th = 'px-4 py-2.5 font-medium';

/** One page of tickets. Project and assignee fold under the title on a phone. */
export function TicketsTable({ tickets, siteNames }: { tickets: TicketRow[]; siteNames: Record<string, string> }) {
  return (
    <div className="relative overflow-x-auto rounded-xl border border-zinc-200 bg-white shadow-sm dark:border-zinc-800 dark:bg-zinc-900">
      <table className="w-full text-left text-sm">
        <thead className="border-b border-zinc-200 text-xs uppercase tracking-wide text-zinc-600 dark:border-zinc-800 dark:text-zinc-400">
          <tr>
            <th scope="col" className={th}>Ticket</th>
            <th scope="col" className={th}>Status</th>
            <th scope="col" className={`${th} hidden md:table-cell`}>Priority</th>
            <th scope="col" className={`${th} hidden lg:table-cell`}>Assignee</th>
            <th scope="col" className={`${th} hidden sm:table-cell`}>Updated</th>
          </tr>
        </thead>
        <tbody className="divide-y divide-zinc-100 dark:divide-zinc-800">
          {tickets.map((ticket) => {
            const url = jiraBrowseUrl(ticket.siteUrl, ticket.key);
            return (
              <tr key={ticket.id} className={ticket.deletedAt || !ticket.inScope ? 'opacity-60' : undefined}>
                <th scope="row" className="max-w-md px-4 py-3 font-normal">
                  {url ? (
                    <a href={url} target="_blank" rel="noopener noreferrer" className="font-mono text-xs font-semibold text-indigo-700 hover:underline dark:text-indigo-300">
                      {ticket.key}
                      <span className="sr-only"> (opens Jira in a new tab)</span>
                    </a>
                  ) : (
                    <span className="font-mono text-xs font-semibold">{ticket.key}</span>
                  )}
                  <span className="mt-0.5 block font-medium text-zinc-900 dark:text-zinc-100">{ticket.title}</span>
                  <span className="mt-0.5 block text-xs text-zinc-600 dark:text-zinc-400">
                    {ticket.projectKey} · {ticket.issueTypeName} · {siteNames[ticket.connectionId] ?? 'Jira'}
                    <span className="lg:hidden"> · {ticket.assigneeName ?? 'Unassigned'}</span>
                    <span className="sm:hidden">
                      {' · '}
                      <LocalTime date={ticket.jiraUpdatedAt.toISOString()} />
                    </span>
                    {ticket.deletedAt ? ' · deleted in Jira' : !ticket.inScope ? ' · outside the project filter' : ''}
                  </span>
                  <span className="mt-1.5 block md:hidden">
                    <PriorityCell standard={ticket.standardPriority} raw={ticket.priorityName} />
                  </span>
                </th>
                <td className="px-4 py-3 align-top">
                  <StatusCell standard={ticket.standardStatus} raw={ticket.statusName} />
                </td>
                <td className="hidden px-4 py-3 align-top md:table-cell">
                  <PriorityCell standard={ticket.standardPriority} raw={ticket.priorityName} />
                </td>
                <td className="hidden px-4 py-3 align-top text-zinc-700 lg:table-cell dark:text-zinc-300">{ticket.assigneeName ?? 'Unassigned'}</td>
                <td className="hidden whitespace-nowrap px-4 py-3 align-top text-zinc-700 sm:table-cell dark:text-zinc-300">
                  <LocalTime date={ticket.jiraUpdatedAt.toISOString()} />
                </td>
              </tr>
            );
          })}
        </tbody>
      </table>
    </div>
  );
}
