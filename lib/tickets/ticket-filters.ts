import type { StandardPriority, StandardStatus } from '@/lib/integrations/jira/mapping/standard-model';

/** What the Tickets page and GET /api/v1/tickets filter on; every field optional, all combined with AND. */
export interface TicketFilters {
  connectionId?: string;
  projectKey?: string;
  statuses?: StandardStatus[];
  priorities?: StandardPriority[];
  /** Updated at or after. */
  updatedFrom?: Date;
  /** Updated strictly before. */
  updatedTo?: Date;
  /** A Jira key ("OPS-12") or words of the summary. */
  search?: string;
  /** Issues deleted in Jira (kept with deleted_at). */
  includeDeleted?: boolean;
  /** Issues that left the connection's project filter: no longer kept current. */
  includeOutOfScope?: boolean;
}

export const MAX_TICKET_SEARCH_LENGTH = 200;
export const TICKET_PAGE_SIZES = { default: 50, max: 200 } as const;
