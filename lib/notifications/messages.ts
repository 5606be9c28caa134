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
      // Findings carry their times as tokens: kept in the stored message (the pages show them in the reader's
      // zone) and rendered as UTC labels in the email, whose reader's zone is unknown (emailText).
      return {
        title: `${site}: connection health is ${payload.outcome === 'failure' ? 'failing' : 'degraded'}`,
        diagnosis: worst ? `${names}: ${worst.summary}` : 'A troubleshooting check stopped passing.',
        remedy: worst?.remedy ?? 'Open Troubleshooting and run the checks again to see what to fix.',
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
      const statuses = namesOf(payload.statuses);
      const priorities = namesOf(payload.priorities);
      const found = [
        statuses.length ? `${statuses.length} new status${statuses.length === 1 ? '' : 'es'} (${listNames(statuses)})` : '',
        priorities.length ? `${priorities.length} new priorit${priorities.length === 1 ? 'y' : 'ies'} (${listNames(priorities)})` : '',
      ].filter(Boolean);
      // The tab with the first kind of new value: the mapping editor opens on it.
      const tab = statuses.length || !priorities.length ? 'statuses' : 'priorities';
      return {
        title: `${site} has unmapped Jira values`,
        diagnosis: `Jira has ${found.join(' and ') || 'new values'} that Portico does not map yet; tickets with them count as Unknown.`,
        remedy: 'Open the mapping editor, map the new values and save.',
        link: context.connectionId ? `${page}/configuration?tab=${tab}` : page,
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

/** The names of a drift payload's values ({ id, name }); an id stands in for a value without a name. */
function namesOf(values: unknown): string[] {
  if (!Array.isArray(values)) return [];
  return values.flatMap((value: unknown) => {
    if (typeof value === 'string') return [value];
    const named = value as { id?: unknown; name?: unknown } | null;
    const name = typeof named?.name === 'string' ? named.name : typeof named?.id === 'string' ? named.id : undefined;
    return name ? [name] : [];
  });
}

/** "In QA, Blocked and 3 more": a message names the values without growing with a big site's. */
function listNames(names: readonly string[], shown = 5): string {
  const quoted = names.slice(0, shown).map((name) => `“${name}”`);
  return names.length > shown ? `${quoted.join(', ')} and ${names.length - shown} more` : quoted.join(', ');
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

/** What ended a thread, in one sentence, for the "resolved" email. */
const RESOLVED_BY: Record<string, string> = {
  'connection.authorized': 'The connection was reconnected, and Portico reads Jira again.',
  'connection.health_changed': 'Every troubleshooting check passes again.',
  'sync.recovered': 'Ticket sync works again.',
  'mapping.saved': 'The mapping was saved since.',
  'mapping.rolled_back': 'The mapping was rolled back since.',
};

/** The short email that answers a break email once its thread resolves: the same subject, marked resolved. */
export function composeResolutionEmail(resolvedBy: string, thread: { title: string; link: string }, baseUrl: string): { subject: string; text: string } {
  const how = RESOLVED_BY[resolvedBy] ?? 'It recovered.';
  return {
    subject: `Resolved: ${thread.title}`,
    text: `${how} Nothing more to do.\n\n${baseUrl}${thread.link}\n\n— Portico (change which emails you get under Settings › Notifications)\n`,
  };
}

/** The email's plain text: diagnosis, the one thing to do, and the link (absolute); times in UTC. */
export function emailText(message: NotificationMessage, baseUrl: string): string {
  return `${renderTimeTokensUtc(message.diagnosis)}\n\nWhat to do: ${renderTimeTokensUtc(message.remedy)}\n\n${baseUrl}${message.link}\n\n— Portico (change which emails you get under Settings › Notifications)\n`;
}
