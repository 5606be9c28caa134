import { z } from 'zod';
import { jiraProjectKeySchema } from '@/lib/integrations/jira/mapping/mapping-schema';
import { STANDARD_PRIORITIES, STANDARD_STATUSES } from '@/lib/integrations/jira/mapping/standard-model';
import { MAX_TICKET_SEARCH_LENGTH, TICKET_PAGE_SIZES } from '@/lib/tickets/ticket-filters';

/*
 * Tickets in /api/v1: the query of GET /tickets (validated at the edge, one 422 naming the parameter) and the
 * ticket as the API shows it. Pure, and the source of the OpenAPI document's parameters and schemas.
 */

const isoDate = z.iso.datetime({ offset: true });
const commaList = <T extends string>(values: readonly T[], kind: string) =>
  z
    .string()
    .transform((text, ctx): T[] => {
      const parts = text.split(',').map((part) => part.trim());
      const unknown = parts.find((part) => !(values as readonly string[]).includes(part));
      if (unknown === undefined) return parts as T[];
      const shown = unknown === '' ? 'an empty value' : `"${unknown}"`;
      ctx.issues.push({ code: 'custom', input: text, message: `${shown} is not one of the ${kind} (${values.join(', ')}); separate several with commas.` });
      return z.NEVER;
    })
    .meta({ description: `One or more ${kind}, comma-separated (or the parameter repeated): ${values.join(', ')}.` });
const flag = (name: string, description: string) =>
  z
    .enum(['true', 'false'], { error: `${name} is true or false.` })
    .transform((text) => text === 'true')
    .meta({ description });

export const ticketListQuerySchema = z
  .strictObject({
    limit: z
      .string()
      .regex(/^\d+$/, { error: `limit is a whole number from 1 to ${TICKET_PAGE_SIZES.max}.` })
      .transform(Number)
      .pipe(z.int().min(1, { error: 'limit is at least 1.' }).max(TICKET_PAGE_SIZES.max, { error: `limit is at most ${TICKET_PAGE_SIZES.max}.` }))
      .optional()
      .meta({ description: `Tickets per page, 1 to ${TICKET_PAGE_SIZES.max} (default ${TICKET_PAGE_SIZES.default}).` }),
    cursor: z
      .string()
      .max(200, { error: 'cursor is not one this API returned; start again without it.' })
      .optional()
      .meta({ description: 'The `next_cursor` of the previous page. Filters must stay the same between pages.' }),
    connection_id: z.uuid({ error: 'connection_id is a connection id (a UUID).' }).optional().meta({ description: 'Only this connection’s tickets.' }),
    project_key: jiraProjectKeySchema.optional().meta({ description: 'A Jira project key, such as "OPS".' }),
    status: commaList(STANDARD_STATUSES, 'standard statuses').optional(),
    priority: commaList(STANDARD_PRIORITIES, 'standard priorities').optional(),
    updated_since: isoDate
      .optional()
      .meta({ description: 'Only tickets updated in Jira at or after this time (ISO 8601 with an offset, such as 2026-12-01T00:00:00Z).' }),
    q: z
      .string()
      .trim()
      .min(1, { error: 'q is not empty.' })
      .max(MAX_TICKET_SEARCH_LENGTH, { error: `q is at most ${MAX_TICKET_SEARCH_LENGTH} characters.` })
      .optional()
      .meta({ description: 'A Jira key ("OPS-12": that issue) or text found in the key or summary.' }),
    include_deleted: flag('include_deleted', 'Also tickets deleted in Jira (with `deleted_at`). Default false.').optional(),
    include_out_of_scope: flag(
      'include_out_of_scope',
      'Also tickets that left the connection’s project filter and are no longer kept current (`in_scope` false). Default false.',
    ).optional(),
  });
export type TicketListQuery = z.output<typeof ticketListQuerySchema>;

const person = z.strictObject({ account_id: z.string(), name: z.string().nullable() }).nullable();

export const ticketSchema = z
  .strictObject({
    id: z.uuid(),
    connection_id: z.uuid(),
    external_id: z.string().meta({ description: 'Jira’s issue id.' }),
    key: z.string().meta({ examples: ['OPS-12'] }),
    url: z.url().nullable().meta({ description: 'The issue in Jira: `<site url>/browse/<key>`.' }),
    title: z.string().meta({ description: 'The issue’s summary.' }),
    status: z.enum(STANDARD_STATUSES).meta({ description: 'The standard status, from the connection’s status mapping (per-project override first); UNKNOWN when unmapped.' }),
    priority: z.enum(STANDARD_PRIORITIES).meta({ description: 'The standard priority, from the connection’s priority mapping; UNKNOWN when unmapped or none.' }),
    vendor_attributes: z
      .strictObject({
        status: z.strictObject({ id: z.string(), name: z.string(), category: z.string() }),
        priority: z.strictObject({ id: z.string(), name: z.string().nullable() }).nullable(),
        issue_type: z.strictObject({ id: z.string(), name: z.string() }),
        project: z.strictObject({ id: z.string(), key: z.string() }),
        fields: z.record(z.string(), z.unknown()).meta({ description: 'The requested Jira fields as Jira sent them (issuetype, project, duedate, labels, resolution, parent, …).' }),
      })
      .meta({ description: 'Jira’s own values, as the last sync read them.' }),
    assignee: person,
    reporter: person,
    in_scope: z.boolean().meta({ description: 'False once the issue left the connection’s project filter: no longer kept current.' }),
    created_at: isoDate.meta({ description: 'Created in Jira.' }),
    updated_at: isoDate.meta({ description: 'Last updated in Jira.' }),
    deleted_at: isoDate.nullable().meta({ description: 'When Portico saw the issue deleted in Jira; null otherwise.' }),
  })
  .meta({ id: 'Ticket' });
export type TicketResponse = z.infer<typeof ticketSchema>;

export const ticketListSchema = z
  .strictObject({
    data: z.array(ticketSchema),
    next_cursor: z.string().nullable().meta({ description: 'Pass as `cursor` for the next page; null on the last page.' }),
  })
  .meta({ id: 'TicketList' });
