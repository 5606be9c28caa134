import type { BadgeTone } from '@/lib/badge-tone';

import type { jiraConnections } from '@/db/schema';
import {
  grantProblemMessage,
  NO_REFRESH_TOKEN_CAUSE,
  PORTICO_REUSED_REFRESH_TOKEN_CAUSE,
  REFRESH_TOKEN_REUSED,
  REVOKED_GRANT_CAUSES,
} from './grant-problems';

export type ConnectionStatus = (typeof jiraConnections.$inferSelect)['status'];

/** How each connection status reads on the card and the connection page. */
export const CONNECTION_STATUS: Record<ConnectionStatus, { label: string; tone: BadgeTone }> = {
  connected: { label: 'Connected', tone: 'success' },
  needs_reconnect: { label: 'Needs reconnect', tone: 'warning' },
  error: { label: 'Error', tone: 'danger' },
  disconnected: { label: 'Disconnected', tone: 'neutral' },
  pending_authorization: { label: 'Awaiting authorization', tone: 'info' },
};

const REASONS: Record<string, string> = {
  grant_refused: `Atlassian refused the stored authorization: it expired after 90 days unused, or ${REVOKED_GRANT_CAUSES}. Reconnect to restore it.`,
  no_refresh_token: `${NO_REFRESH_TOKEN_CAUSE}. Reconnect.`,
  [REFRESH_TOKEN_REUSED]: `Atlassian revoked the stored authorization. ${PORTICO_REUSED_REFRESH_TOKEN_CAUSE}. Reconnect to restore it.`,
  app_credentials_rejected: grantProblemMessage('app_credentials_rejected', { reconnect: '', retry: '' }),
  token_unreadable: grantProblemMessage('token_unreadable', { reconnect: 'Reconnect to restore it.', retry: '' }),
};

export function describeStatusReason(reason: string | null): string | undefined {
  return reason ? REASONS[reason] : undefined;
}
