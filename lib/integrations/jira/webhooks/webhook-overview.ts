import 'server-only';
import { countWebhookDeliveriesSince, getEarliestWebhookExpiry, getWebhookState } from '@/db/queries/jira-webhooks';

export type WebhookStatus = 'registered' | 'not_registered' | 'missing_scope' | 'unreachable_base_url' | 'failed';

/** What the Sync section, the API and diagnostics show about a connection's webhooks. */
export interface WebhookOverview {
  status: WebhookStatus;
  /** Portico's own sentence when the status is not `registered`. */
  reason: string | null;
  /** The earliest expiry among the connection's registrations. */
  expiresAt: Date | null;
  lastDeliveryAt: Date | null;
  deliveriesLast24h: number;
}

const DAY_MS = 24 * 60 * 60 * 1000;
const statuses = new Set<string>(['registered', 'not_registered', 'missing_scope', 'unreachable_base_url', 'failed']);

export async function getWebhookOverview(orgId: string, connectionId: string): Promise<WebhookOverview> {
  const [state, expiresAt, deliveriesLast24h] = await Promise.all([
    getWebhookState(orgId, connectionId),
    getEarliestWebhookExpiry(orgId, connectionId),
    countWebhookDeliveriesSince(orgId, connectionId, new Date(Date.now() - DAY_MS)),
  ]);
  const recorded: WebhookStatus = state && statuses.has(state.status) ? (state.status as WebhookStatus) : 'not_registered';
  // Registered once, but nothing refreshed them in time (workers down): Jira has stopped sending.
  const lapsed = recorded === 'registered' && (expiresAt === null || expiresAt.getTime() <= Date.now());
  const status: WebhookStatus = lapsed ? 'failed' : recorded;
  return {
    status,
    reason: lapsed
      ? 'Portico’s webhooks for this site expired before they were refreshed, so Portico polls Jira until the hourly pass registers them again. Check that the background workers are running.'
      : status === 'registered'
        ? null
        : (state?.statusReason ?? 'Webhooks have not been registered yet; Portico polls Jira meanwhile.'),
    expiresAt,
    lastDeliveryAt: state?.lastDeliveryAt ?? null,
    deliveriesLast24h,
  };
}
