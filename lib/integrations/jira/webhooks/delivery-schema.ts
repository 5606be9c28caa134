import { z } from 'zod';
import { SYNC_FIELDS } from '../sync/normalize-issue';

/*
 * A Jira webhook delivery as Portico accepts it (docs/decisions/015-jira-webhooks.md). Only what routing and
 * the job need is required; everything else Jira adds is allowed and dropped. Pure: the route and the tests
 * share it.
 */

export const WEBHOOK_EVENTS = ['jira:issue_created', 'jira:issue_updated', 'jira:issue_deleted'] as const;
export type WebhookEvent = (typeof WEBHOOK_EVENTS)[number];

/** Atlassian sends one delivery per event and app, with every matched webhook of that app; a site has few. */
const MAX_MATCHED_IDS = 100;

export const deliveryBodySchema = z.looseObject({
  timestamp: z.number().int().nonnegative().max(8.64e15),
  webhookEvent: z.enum(WEBHOOK_EVENTS),
  issue: z.looseObject({
    id: z.string().regex(/^\d{1,18}$/),
    key: z.string().min(1).max(255),
    self: z.url({ protocol: /^https?$/ }).max(2048),
    fields: z.looseObject({}),
  }),
  matchedWebhookIds: z.array(z.number().int().positive().max(Number.MAX_SAFE_INTEGER)).min(1).max(MAX_MATCHED_IDS),
});
export type DeliveryBody = z.infer<typeof deliveryBodySchema>;

/** X-Atlassian-Webhook-Identifier: the same on every retry of one delivery. Printable ASCII, bounded. */
export const deliveryIdentifierSchema = z.string().regex(/^[\x21-\x7e]{1,200}$/);

/** What the delivery row keeps for the job: the event time and the issue's sync fields (no changelog, no user). */
export interface StoredPayload {
  timestamp: number;
  issue: { id: string; key: string; fields: Record<string, unknown> };
}

export function trimPayload(body: DeliveryBody): StoredPayload {
  const fields: Record<string, unknown> = {};
  for (const name of SYNC_FIELDS) if (body.issue.fields[name] !== undefined) fields[name] = body.issue.fields[name];
  return { timestamp: body.timestamp, issue: { id: body.issue.id, key: body.issue.key, fields } };
}

/** The site a delivery is about: the host of `issue.self` (`<site url>/rest/api/3/issue/<id>`), lower-cased. */
export function siteHostOf(body: DeliveryBody): string {
  return new URL(body.issue.self).host.toLowerCase();
}
