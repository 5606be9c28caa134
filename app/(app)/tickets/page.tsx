import type { Metadata } from 'next';
import type { ReactNode } from 'react';
import Link from 'next/link';
import { BackfillProgress } from '@/components/integrations/backfill-progress';
import { buttonClasses } from '@/components/ui/button';
import { requireOrgMember } from '@/lib/auth/guards';
import { loadTicketsPage } from '@/lib/tickets/load-tickets-page';
import { hasTicketFilters, parseTicketPageParams, ticketPageHref } from '@/lib/tickets/ticket-page-params';
import { TicketFiltersForm } from './ticket-filters-form';
import { TicketsTable } from './tickets-table';
import { WarningNotice } from '@/components/ui/warning-notice';

export const metadata: Metadata = { title: 'Tickets' };

const number = new Intl.NumberFormat('en');

export default async function TicketsPage({ searchParams }: PageProps<'/tickets'>) {
  const member = await requireOrgMember();
  const query = parseTicketPageParams(await searchParams);
  const { page, total, connections, projects, syncs } = await loadTicketsPage(member.orgId, query);
  const filtered = hasTicketFilters(query.filters);
  const siteNames = Object.fromEntries(connections.map((c) => [c.id, c.siteName ?? 'Jira site']));
  const backfilling = syncs.filter(({ sync }) => sync?.phase === 'backfilling' || sync?.phase === 'not_started');
  const { filters } = query;

  return (
    <div className="mx-auto max-w-6xl space-y-6 px-4 py-8 sm:px-6">
      <div>
        <h1 className="text-2xl font-semibold tracking-tight">Tickets</h1>
        <p className="mt-1 text-sm text-zinc-600 dark:text-zinc-400">
          Every issue synced from your organization’s Jira sites, with the standard status and priority from each connection’s mapping.
        </p>
      </div>

      {query.ignored.length > 0 ? (
        <WarningNotice role="status">
          Some filters in this link were left out: {query.ignored.map((item) => `${item.param} (${item.message})`).join('; ')}.
        </WarningNotice>
      ) : null}

      {connections.length === 0 ? (
        <EmptyState title="No Jira site is connected yet">
          {member.role === 'admin' ? (
            <>
              <p>Connect Jira and choose the projects to sync; their issues appear here as the first sync reads them.</p>
              <Link href="/settings/integrations" className={buttonClasses('primary', 'mt-4')}>Connect Jira</Link>
            </>
          ) : (
            <p>Ask an admin of {member.orgName} to connect Jira under Settings › Integrations; its issues then appear here.</p>
          )}
        </EmptyState>
      ) : (
        <>
          {backfilling.map(({ connection, sync }) => (
            <section key={connection.id} aria-label={`First sync of ${connection.siteName ?? 'Jira'}`} className="rounded-xl border border-zinc-200 bg-white p-4 shadow-sm dark:border-zinc-800 dark:bg-zinc-900">
              <p className="mb-2 text-sm font-medium">
                Reading every issue of {connection.siteName ?? 'this site'} for the first time; tickets appear as pages arrive.{' '}
                <Link href={`/settings/integrations/jira/${connection.id}`} className="text-indigo-700 hover:underline dark:text-indigo-300">Sync details</Link>
              </p>
              <BackfillProgress done={sync?.backfill.done ?? 0} totalEstimate={sync?.backfill.totalEstimate ?? null} label={`First sync of ${connection.siteName ?? 'Jira'}`} />
            </section>
          ))}

          <TicketFiltersForm
            connections={connections.map((c) => ({ id: c.id, name: c.siteName ?? 'Jira site' }))}
            projects={projects}
            current={{
              connectionId: filters.connectionId,
              projectKey: filters.projectKey,
              status: filters.statuses?.length === 1 ? filters.statuses[0] : undefined,
              priority: filters.priorities?.length === 1 ? filters.priorities[0] : undefined,
              from: filters.updatedFrom?.toISOString(),
              to: filters.updatedTo?.toISOString(),
              search: filters.search,
              includeDeleted: filters.includeDeleted,
            }}
          />

          <p role="status" className="text-sm text-zinc-600 dark:text-zinc-400">
            {total.count === 0 ? 'No tickets' : `${number.format(total.count)}${total.capped ? '+' : ''} ${total.count === 1 ? 'ticket' : 'tickets'}`}
            {filtered ? ' match these filters' : ''}
            {page.tickets.length > 0 ? ` · newest update first` : ''}
          </p>

          {page.tickets.length > 0 ? (
            <TicketsTable tickets={page.tickets} siteNames={siteNames} />
          ) : filtered ? (
            <EmptyState title="No tickets match these filters">
              <p>Widen the dates, pick another status, or search for part of a key or summary.</p>
              <Link href="/tickets" className={buttonClasses('secondary', 'mt-4')}>Clear filters</Link>
            </EmptyState>
          ) : backfilling.length === 0 ? (
            <EmptyState title="No tickets yet">
              <p>
                Portico has not synced any issue. Check each connection’s Sync section: it may be paused, failing, or its project filter may match no
                issue.
              </p>
              <Link href={`/settings/integrations/jira/${connections[0]!.id}`} className={buttonClasses('secondary', 'mt-4')}>Open {connections[0]!.siteName ?? 'the connection'}</Link>
            </EmptyState>
          ) : null}

          {page.previous || page.next ? (
            <nav aria-label="Pages" className="flex items-center justify-between gap-3">
              {page.previous ? (
                <Link href={ticketPageHref(filters, { direction: 'before', key: page.previous })} className={buttonClasses('secondary')}>← Newer</Link>
              ) : <span />}
              {page.next ? (
                <Link href={ticketPageHref(filters, { direction: 'after', key: page.next })} className={buttonClasses('secondary')}>Older →</Link>
              ) : null}
            </nav>
          ) : null}
        </>
      )}
    </div>
  );
}

function EmptyState({ title, children }: { title: string; children: ReactNode }) {
  return (
    <section className="rounded-xl border border-dashed border-zinc-300 px-6 py-10 text-center text-sm text-zinc-700 dark:border-zinc-700 dark:text-zinc-300">
      <h2 className="text-base font-semibold text-zinc-900 dark:text-zinc-100">{title}</h2>
      <div className="mx-auto mt-2 max-w-prose">{children}</div>
    </section>
  );
}
