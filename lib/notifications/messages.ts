import { renderTimeTokensUtc } from '@/lib/format/time-token';
import { describeStatusReason } from '@/lib/integrations/jira/connection-status';
import { GRANT_PROBLEM } from '@/lib/integrations/jira/grant-problems';
import { TITLES } from '@/lib/integrations/jira/diagnostics/rules/shared';
import type { CheckId } from '@/lib/integrations/jira/diagnostics/types';

export interface NotificationMessage {
  title: string;
  /** What is wrong, from the diagnostics' own words. */
  diagnosis: string;
  /** The one thing to do. */
  remedy: string;
  /** The in-app page where it is done. */
  link: string;
}

export interface MessageContext {
  connectionId: string | null;
  /** The site's name, or a neutral word when the connection has none (or is gone). */
  siteName: string | null;
  /** For health_changed: the latest run's checks that did not pass, with their remedies. */
  failingChecks?: readonly { id: string; outcome: string; summary: string; remedy: string | null }[];
}

const connectionPage = (id: string | null) => (id ? `/settings/integrations/jira/${id}` : '/settings/integrations');
const RECONNECT = 'Open the connection and choose Reconnect, then accept the consent at Atlassian.';

/**
 * The message for an event that opens or informs (rules.ts). Pure; names sites, checks and reasons, never a token,
 * a secret or a webhook URL's query (which can carry one).
 */
export function composeMessage(type: string, payload: Record<string, unknown>, context: MessageContext): NotificationMessage {
  const site = context.siteName ?? 'your Jira site';
  const page = connectionPage(context.connectionId);
  switch (type) {
    case 'connection.needs_reconnect': {
      const reason = typeof payload.reason === 'string' ? payload.reason : '';
      const known = reason === 'tokens_unreadable' ? GRANT_PROBLEM.token_unreadable.cause : describeStatusReason(reason);
      return {
        title: `${site} needs to be reconnected`,
        diagnosis: known ?? GRANT_PROBLEM.needs_reconnect.cause,
        remedy: RECONNECT,
        link: page,
      };
    }
    case 'connection.health_changed': {
      const checks = context.failingChecks ?? [];
      const worst = checks.find((check) => check.outcome === 'failure') ?? checks[0];
      const names = checks.map((check) => TITLES[check.id as CheckId] ?? check.id).join(', ');
      // Findings carry their times as tokens; an email (and the stored message) cannot know the reader's zone.
      return {
        title: `${site}: connection health is ${payload.outcome === 'failure' ? 'failing' : 'degraded'}`,
        diagnosis: worst ? `${names}: ${renderTimeTokensUtc(worst.summary)}` : 'A troubleshooting check stopped passing.',
        remedy: renderTimeTokensUtc(worst?.remedy ?? 'Open Troubleshooting and run the checks again to see what to fix.'),
        link: context.connectionId ? `${page}/troubleshooting` : page,
      };
    }
    case 'connection.disconnected':
      return {
        title: `${site} was disconnected`,
        diagnosis: 'Another admin disconnected this Jira site; Portico no longer reads or syncs it.',
        remedy: 'If it should stay connected, open the connection and connect it again.',
        link: page,
      };
    case 'mapping.drift_detected': {
      const statuses = Array.isArray(payload.statuses) ? payload.statuses.length : 0;
      const priorities = Array.isArray(payload.priorities) ? payload.priorities.length : 0;
      return {
        title: `${site} has unmapped Jira values`,
        diagnosis: `Jira has ${statuses} new status${statuses === 1 ? '' : 'es'} and ${priorities} new priorit${priorities === 1 ? 'y' : 'ies'} that Portico does not map yet.`,
        remedy: 'Open the configuration, map the new values and save.',
        link: context.connectionId ? `${page}/configuration` : page,
      };
    }
    case 'sync.failed':
      return {
        title: `Ticket sync failed for ${site}`,
        diagnosis: `The last sync stopped${typeof payload.kind === 'string' ? ` (${payload.kind.replaceAll('_', ' ')})` : ''}.`,
        remedy: typeof payload.remedy === 'string' && payload.remedy ? payload.remedy : 'Open the connection’s Sync section and choose Sync now once the cause is fixed.',
        link: page,
      };
    case 'webhook_endpoint.disabled':
      return {
        title: 'A webhook endpoint was switched off',
        diagnosis: `Deliveries to ${safeUrl(payload.url)} kept failing, so Portico stopped sending to it.`,
        remedy: 'Fix the receiver, then enable the endpoint again under Settings › Webhooks and redeliver what it missed.',
        link: '/settings/webhooks',
      };
    default:
      return { title: 'Connection event', diagnosis: type, remedy: 'Open the connection for details.', link: page };
  }
}

/** Origin and path only: a query string or user info can hold a token. */
export function safeUrl(value: unknown): string {
  if (typeof value !== 'string') return 'the endpoint';
  try {
    const url = new URL(value);
    return `${url.origin}${url.pathname}`;
  } catch {
    return 'the endpoint';
  }
}

/** "Broke 3 times since 2 Dec 14:05 UTC": the flap count a thread shows instead of one message per flap. */
export function flapLine(breaks: number, since: string): string | null {
  return breaks > 1 ? `Broke ${breaks} times since ${since}.` : null;
}

/** The email's plain text: diagnosis, the one thing to do, and the link (absolute). */
export function emailText(message: NotificationMessage, baseUrl: string): string {
  return `${message.diagnosis}\n\nWhat to do: ${message.remedy}\n\n${baseUrl}${message.link}\n\n— Portico (change which emails you get under Settings › Notifications)\n`;
}
