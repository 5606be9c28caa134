import type { TicketRow } from '@/db/queries/jira-tickets';
import { jiraBrowseUrl } from '@/lib/integrations/jira/browse-url';
import { StandardPrioritySchema, StandardStatusSchema } from '@/lib/integrations/jira/mapping/standard-model';
import type { TicketResponse } from './ticket-schemas';

const person = (accountId: string | null, name: string | null) => (accountId ? { account_id: accountId, name } : null);

/** A stored ticket as the API shows it; a standard value the model does not know (never expected) reads UNKNOWN. */
export function serializeTicket(row: TicketRow): TicketResponse {
  return {
    id: row.id,
    connection_id: row.connectionId,
    external_id: row.externalId,
    key: row.key,
    url: jiraBrowseUrl(row.siteUrl, row.key),
    title: row.title,
    status: StandardStatusSchema.catch('UNKNOWN').parse(row.standardStatus),
    priority: StandardPrioritySchema.catch('UNKNOWN').parse(row.standardPriority),
    vendor_attributes: {
      status: { id: row.statusId, name: row.statusName, category: row.statusCategory },
      priority: row.priorityId ? { id: row.priorityId, name: row.priorityName } : null,
      issue_type: { id: row.issueTypeId, name: row.issueTypeName },
      project: { id: row.projectId, key: row.projectKey },
      fields: row.vendorAttributes,
    },
    assignee: person(row.assigneeAccountId, row.assigneeName),
    reporter: person(row.reporterAccountId, row.reporterName),
    in_scope: row.inScope,
    created_at: row.jiraCreatedAt.toISOString(),
    updated_at: row.jiraUpdatedAt.toISOString(),
    deleted_at: row.deletedAt?.toISOString() ?? null,
  };
}
