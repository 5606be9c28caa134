import 'server-only';
import { listJiraConnections } from '@/db/queries/jira-connections';
import { countTickets, listTicketProjects, listTickets } from '@/db/queries/jira-tickets';
import { getSyncStatus } from '@/lib/integrations/jira/sync/sync-overview';
import { TICKET_PAGE_SIZES } from './ticket-filters';
import type { TicketPageQuery } from './ticket-page-params';

/**
 * Everything the Tickets page shows, read in parallel: one page of tickets, how many match, the filters'
 * choices (connections, their projects) and each connection's sync phase and backfill progress, for the empty
 * states and the backfill notice. The benchmark (scripts/bench/tickets.ts) times this same function.
 */
export async function loadTicketsPage(orgId: string, query: TicketPageQuery) {
  const [page, total, connections, projects] = await Promise.all([
    listTickets(orgId, query.filters, query.page, TICKET_PAGE_SIZES.default),
    countTickets(orgId, query.filters),
    listJiraConnections(orgId),
    listTicketProjects(orgId),
  ]);
  const syncs = await Promise.all(
    connections.map(async (connection) => ({ connection, sync: await getSyncStatus(orgId, connection.id) })),
  );
  return { page, total, connections, projects, syncs };
}

export type TicketsPageData = Awaited<ReturnType<typeof loadTicketsPage>>;
