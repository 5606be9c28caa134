import type { BadgeTone } from '@/components/ui/badge';

import type { jiraConnections } from '@/db/schema';

type ConnectionStatus = (typeof jiraConnections.$inferSelect)['status'];

/** How each connection status reads on the card and the connection page. */
export const CONNECTION_STATUS: Record<ConnectionStatus, { label: string; tone: BadgeTone }> = {
  connected: { label: 'Connected', tone: 'success' },
  needs_reconnect: { label: 'Needs reconnect', tone: 'warning' },
  error: { label: 'Error', tone: 'danger' },
  disconnected: { label: 'Disconnected', tone: 'neutral' },
  pending_authorization: { label: 'Awaiting authorization', tone: 'info' },
};

const REASONS: Record<string, string> = {
  grant_refused:
    'Atlassian refused the stored authorization: it expired after 90 days unused, was revoked in the Atlassian account, the user’s password changed, or a copy of its refresh token was used elsewhere (Atlassian then revokes the whole authorization). Reconnect to restore it.',
  no_refresh_token: 'The authorization has no refresh token (offline_access was not granted). Reconnect.',
  app_credentials_rejected:
    'Atlassian rejected the OAuth app’s client ID or secret. Reconnecting will not help: if your organization uses its own app, an admin must correct it under OAuth app settings; otherwise the Portico operator must.',
};

export function describeStatusReason(reason: string | null): string | undefined {
  return reason ? REASONS[reason] : undefined;
}
