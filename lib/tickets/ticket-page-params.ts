import { z } from 'zod';
import { jiraProjectKeySchema } from '@/lib/integrations/jira/mapping/mapping-schema';
import { STANDARD_PRIORITIES, STANDARD_STATUSES } from '@/lib/integrations/jira/mapping/standard-model';
import { decodeTicketCursor, encodeTicketCursor, type TicketCursorKey } from './ticket-cursor';
import { MAX_TICKET_SEARCH_LENGTH, type TicketFilters } from './ticket-filters';

/*
 * The Tickets page keeps every filter in its URL, so a filtered list can be shared and reloaded. Dates are
 * instants (the browser turns the reader's local day into one), so a link means the same range to a reader in
 * another time zone. A value the page cannot use is left out and named, never a crash.
 */

type SearchParams = Record<string, string | string[] | undefined>;

export interface TicketPageQuery {
  filters: TicketFilters;
  page: { direction: 'after' | 'before'; key: TicketCursorKey } | null;
  /** URL parameters that were left out, with why. */
  ignored: { param: string; message: string }[];
}

const list = <T extends string>(values: readonly T[]) =>
  z
    .string()
    .transform((text) => text.split(',').map((part) => part.trim()).filter(Boolean))
    .pipe(z.array(z.enum(values)).min(1).max(values.length));

const FIELDS = {
  connection: z.uuid(),
  project: jiraProjectKeySchema,
  status: list(STANDARD_STATUSES),
  priority: list(STANDARD_PRIORITIES),
  from: z.iso.datetime({ offset: true }).transform((text) => new Date(text)),
  to: z.iso.datetime({ offset: true }).transform((text) => new Date(text)),
  q: z.string().trim().min(1).max(MAX_TICKET_SEARCH_LENGTH),
  deleted: z.literal('1'),
} as const;

const MESSAGES: Record<keyof typeof FIELDS | 'after' | 'before', string> = {
  connection: 'not one of your connections',
  project: 'not a Jira project key',
  status: `not a standard status (${STANDARD_STATUSES.join(', ')})`,
  priority: `not a standard priority (${STANDARD_PRIORITIES.join(', ')})`,
  from: 'not a date',
  to: 'not a date',
  q: `searches are 1 to ${MAX_TICKET_SEARCH_LENGTH} characters`,
  deleted: 'use deleted=1',
  after: 'the page link is no longer valid',
  before: 'the page link is no longer valid',
};

const first = (value: string | string[] | undefined) => (Array.isArray(value) ? value[0] : value);

export function parseTicketPageParams(params: SearchParams): TicketPageQuery {
  const ignored: TicketPageQuery['ignored'] = [];
  const read = <K extends keyof typeof FIELDS>(name: K): z.output<(typeof FIELDS)[K]> | undefined => {
    const raw = first(params[name]);
    if (raw === undefined || raw === '') return undefined;
    const parsed = FIELDS[name].safeParse(raw);
    if (parsed.success) return parsed.data as z.output<(typeof FIELDS)[K]>;
    ignored.push({ param: name, message: MESSAGES[name] });
    return undefined;
  };
  const filters: TicketFilters = {
    connectionId: read('connection'),
    projectKey: read('project'),
    statuses: read('status'),
    priorities: read('priority'),
    updatedFrom: read('from'),
    updatedTo: read('to'),
    search: read('q'),
    includeDeleted: read('deleted') === '1' || undefined,
  };
  let page: TicketPageQuery['page'] = null;
  for (const direction of ['after', 'before'] as const) {
    const raw = first(params[direction]);
    if (!raw || page) continue;
    const key = decodeTicketCursor(raw);
    if (key) page = { direction, key };
    else ignored.push({ param: direction, message: MESSAGES[direction] });
  }
  return { filters: stripUndefined(filters), page, ignored };
}

function stripUndefined<T extends object>(value: T): T {
  return Object.fromEntries(Object.entries(value).filter(([, inner]) => inner !== undefined)) as T;
}

/** The Tickets page URL for these filters (and a page), in the same parameters the parser reads. */
export function ticketPageHref(filters: TicketFilters, page?: { direction: 'after' | 'before'; key: TicketCursorKey }): string {
  const params = new URLSearchParams();
  if (filters.connectionId) params.set('connection', filters.connectionId);
  if (filters.projectKey) params.set('project', filters.projectKey);
  if (filters.statuses?.length) params.set('status', filters.statuses.join(','));
  if (filters.priorities?.length) params.set('priority', filters.priorities.join(','));
  if (filters.updatedFrom) params.set('from', filters.updatedFrom.toISOString());
  if (filters.updatedTo) params.set('to', filters.updatedTo.toISOString());
  if (filters.search) params.set('q', filters.search);
  if (filters.includeDeleted) params.set('deleted', '1');
  if (page) params.set(page.direction, encodeTicketCursor(page.key));
  const query = params.toString();
  return query ? `/tickets?${query}` : '/tickets';
}

export const hasTicketFilters = (filters: TicketFilters) => Object.keys(stripUndefined(filters)).length > 0;
