import 'server-only';
import type { NextResponse } from 'next/server';
import { getTicket, listTickets } from '@/db/queries/jira-tickets';
import type { ApiCaller } from '@/lib/api/keys/authenticate';
import { decodeTicketCursor, encodeTicketCursor } from '@/lib/tickets/ticket-cursor';
import { TICKET_PAGE_SIZES, type TicketFilters } from '@/lib/tickets/ticket-filters';
import { apiError, apiValidationError } from './respond';
import { serializeTicket } from './serialize-ticket';
import { ticketListQuerySchema, type TicketResponse } from './ticket-schemas';

const LIST_PARAMS = new Set(['status', 'priority']);

/**
 * The query string as one object for the schema: list parameters may repeat (`status=OPEN&status=TODO` is
 * `status=OPEN,TODO`); any other parameter given twice is refused rather than one value silently winning.
 */
function queryObject(url: URL): { values: Record<string, string>; repeated?: string } {
  const values: Record<string, string> = {};
  for (const name of new Set(url.searchParams.keys())) {
    const all = url.searchParams.getAll(name);
    if (all.length > 1 && !LIST_PARAMS.has(name)) return { values, repeated: name };
    values[name] = all.join(',');
  }
  return { values };
}

type ParsedQuery = { filters: TicketFilters; after: ReturnType<typeof decodeTicketCursor>; limit: number };

export function parseTicketListQuery(request: Request): { query: ParsedQuery } | { response: NextResponse } {
  const { values, repeated } = queryObject(new URL(request.url));
  if (repeated) return { response: apiError('validation_failed', `${repeated}: give this parameter once.`, { field: repeated }) };
  const parsed = ticketListQuerySchema.safeParse(values);
  if (!parsed.success) return { response: apiValidationError(parsed.error.issues) };
  const { cursor, limit, connection_id, project_key, status, priority, updated_since, q, include_deleted, include_out_of_scope } = parsed.data;
  const after = cursor === undefined ? undefined : decodeTicketCursor(cursor);
  if (cursor !== undefined && !after) {
    return { response: apiError('validation_failed', 'cursor: not a cursor this API returned; start again without it.', { field: 'cursor' }) };
  }
  return {
    query: {
      filters: {
        connectionId: connection_id,
        projectKey: project_key,
        statuses: status,
        priorities: priority,
        updatedFrom: updated_since ? new Date(updated_since) : undefined,
        search: q,
        includeDeleted: include_deleted,
        includeOutOfScope: include_out_of_scope,
      },
      after,
      limit: limit ?? TICKET_PAGE_SIZES.default,
    },
  };
}

export async function listTicketsForApi(caller: ApiCaller, query: ParsedQuery): Promise<{ data: TicketResponse[]; next_cursor: string | null }> {
  const page = await listTickets(caller.orgId, query.filters, query.after ? { direction: 'after', key: query.after } : null, query.limit);
  return { data: page.tickets.map(serializeTicket), next_cursor: page.next ? encodeTicketCursor(page.next) : null };
}

export async function getTicketForApi(caller: ApiCaller, ticketId: string): Promise<TicketResponse | undefined> {
  const row = await getTicket(caller.orgId, ticketId);
  return row && serializeTicket(row);
}
