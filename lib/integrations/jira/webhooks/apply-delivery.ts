import 'server-only';
import { getDb } from '@/db/client';
import { lockDelivery, recordDeliveryOutcome } from '@/db/queries/jira-webhook-deliveries';
import { getWebhookTarget, markWebhookTicketDeleted, markWebhookTicketOutOfScope, upsertWebhookTicket } from '@/db/queries/jira-sync';
import { log } from '@/lib/observability/request-context';
import { normalizeIssue } from '../sync/normalize-issue';

export type DeliveryOutcome =
  | 'applied'
  | 'ignored_stale'
  | 'ignored_out_of_filter'
  | 'ignored_not_connected'
  | 'ignored_unknown_issue'
  | 'ignored_unreadable'
  | 'deferred_paused'
  | 'already_processed'
  | 'not_found';

/**
 * Applies one stored delivery to the connection's tickets. Everything happens in one transaction with the
 * delivery row locked and its outcome recorded, so a job run twice (pg-boss delivers at least once) applies it
 * once. The ticket writes are the sync's: normalized with the mapping in force, and only ever forward in Jira's
 * `updated`, so deliveries can be applied in any order and polling stays the source of truth.
 */
export async function applyDelivery(orgId: string, connectionId: string, deliveryId: string): Promise<DeliveryOutcome> {
  return getDb().transaction(async (tx) => {
    const delivery = await lockDelivery(tx, orgId, connectionId, deliveryId);
    if (!delivery) return 'not_found';
    if (delivery.processedAt || !delivery.payload) return 'already_processed';
    const target = await getWebhookTarget(tx, orgId, connectionId);
    const outcome = await decide();
    await recordDeliveryOutcome(tx, orgId, deliveryId, outcome);
    return outcome;

    async function decide(): Promise<DeliveryOutcome> {
      const { issue, timestamp } = delivery!.payload!;
      if (!target || target.status !== 'connected') return 'ignored_not_connected';
      // Paused means Portico's tickets stand still; the deliveries wait and are applied on resume.
      if (target.paused) return 'deferred_paused';
      if (delivery!.webhookEvent === 'jira:issue_deleted') {
        return (await markWebhookTicketDeleted(tx, orgId, connectionId, issue.id, new Date(timestamp))) ? 'applied' : 'ignored_unknown_issue';
      }
      const normalized = normalizeIssue(issue, target.mapping);
      if (!normalized.ok) {
        log().warn({ connectionId, issueId: normalized.issueId, problems: normalized.problems }, 'jira webhook issue skipped: unreadable shape');
        return 'ignored_unreadable';
      }
      const ticket = normalized.ticket;
      if (target.projectFilter.length > 0 && !target.projectFilter.includes(ticket.projectKey)) {
        await markWebhookTicketOutOfScope(tx, orgId, connectionId, ticket.externalId, ticket.jiraUpdatedAt);
        return 'ignored_out_of_filter';
      }
      return (await upsertWebhookTicket(tx, orgId, connectionId, ticket)) ? 'applied' : 'ignored_stale';
    }
  });
}
