// How an audit event reads: one sentence naming who did what, instead of the stored action code. Pure.
import { formatInterval } from '@/lib/format/interval';
import { describeStatusReason } from '../connection-status';

export interface AuditEventFacts {
  action: string;
  detail: Record<string, unknown>;
  actorName: string | null;
}

const text = (value: unknown): string | undefined => (typeof value === 'string' && value.trim() !== '' ? value : undefined);
const number = (value: unknown): number | undefined => (typeof value === 'number' && Number.isFinite(value) ? value : undefined);

/** Who did it: the signed-in admin by name, an API key, or Portico itself. */
function actorOf(event: AuditEventFacts): string {
  if (event.actorName) return event.actorName;
  return event.detail.via === 'api' || event.action === 'created_by_api' ? 'An API key' : 'Portico';
}

type Sentence = (actor: string, detail: Record<string, unknown>) => string;

const site = (detail: Record<string, unknown>) => text(detail.site) ?? 'the site';
const authorizedBy = (detail: Record<string, unknown>) => (text(detail.authorizedBy) ? `, authorized by ${text(detail.authorizedBy)}` : '');

/** Every action Portico records, with a short label (what search matches) and its sentence. */
export const AUDIT_ACTIONS: Record<string, { label: string; sentence: Sentence }> = {
  connect: { label: 'Connected', sentence: (actor, d) => `${actor} connected ${site(d)}${authorizedBy(d)}` },
  reconnect: { label: 'Reconnected', sentence: (actor, d) => `${actor} reconnected ${site(d)}${authorizedBy(d)}` },
  disconnect: {
    label: 'Disconnected',
    sentence: (actor, d) =>
      `${actor} disconnected ${site(d)} and ${d.configurationDeleted === true ? 'deleted' : 'kept'} its project filter and mappings`,
  },
  config_saved: {
    label: 'Configuration saved',
    sentence: (actor, d) => {
      const version = number(d.version);
      const summary = text(d.summary);
      return `${actor} saved the configuration${version ? ` (version ${version})` : ''}${summary ? `: ${summary}` : ''}`;
    },
  },
  config_rolled_back: {
    label: 'Configuration rolled back',
    sentence: (actor, d) => {
      const to = number(d.rolledBackTo);
      const version = number(d.version);
      return `${actor} rolled the configuration back${to ? ` to version ${to}` : ''}${version ? `, saved as version ${version}` : ''}`;
    },
  },
  refresh_failed: {
    label: 'Token refresh failed',
    sentence: (_, d) => `Portico could not refresh the access token. ${describeStatusReason(text(d.reason) ?? null) ?? `Reason: ${text(d.reason) ?? 'unknown'}.`}`,
  },
  tokens_unreadable: {
    label: 'Tokens unreadable',
    sentence: () => 'Portico could no longer read this connection’s stored tokens (its encryption key was removed); reconnect to restore them',
  },
  site_changed: { label: 'Site changed', sentence: (_, d) => `The site changed from ${text(d.from) ?? 'unknown'} to ${text(d.to) ?? 'unknown'}` },
  authorizing_user_changed: {
    label: 'Authorizing Atlassian user changed',
    sentence: (_, d) => `The authorizing Atlassian user changed to ${text(d.to) ?? 'another user'}`,
  },
  created_by_api: { label: 'Created through the API', sentence: (actor) => `${actor} created this connection through the API` },
  // Atlassian has no revoke endpoint for 3LO grants: Portico only forgets its copy (decision 012).
  grant_retired: {
    label: 'Earlier authorization retired',
    sentence: () =>
      'Portico retired an earlier authorization no site uses any more and deleted its tokens; the user can remove it at Atlassian under Connected apps',
  },
  sync_requested: { label: 'Sync started by hand', sentence: (actor) => `${actor} started a sync` },
  sync_paused: { label: 'Sync paused', sentence: (actor) => `${actor} paused the sync` },
  sync_resumed: { label: 'Sync resumed', sentence: (actor) => `${actor} resumed the sync` },
  refresh_interval_changed: {
    label: 'Sync interval changed',
    sentence: (actor, d) => {
      const seconds = number(d.refreshIntervalSecs);
      return `${actor} set the sync to run ${seconds ? formatInterval(seconds) : 'on a new interval'}`;
    },
  },
  reconcile_requested: { label: 'Reconciliation started by hand', sentence: (actor) => `${actor} started a reconciliation` },
};

/** The event as one sentence, e.g. "Ada Admin saved the configuration (version 4): 1 status mapping". */
export function describeAuditEvent(event: AuditEventFacts): string {
  const known = AUDIT_ACTIONS[event.action];
  const actor = actorOf(event);
  const sentence = known ? known.sentence(actor, event.detail) : `${actor}: ${event.action.replaceAll('_', ' ')}`;
  const via = event.detail.via === 'api' && event.actorName ? ' through the API' : '';
  return `${sentence}${via}${/[.!?]$/.test(sentence) ? '' : '.'}`;
}

/** Action codes whose label or code contains the search words, so "rolled back" finds config_rolled_back. */
export function actionsMatching(query: string): string[] {
  const needle = query.trim().toLowerCase();
  if (!needle) return [];
  return Object.entries(AUDIT_ACTIONS).flatMap(([action, { label }]) =>
    label.toLowerCase().includes(needle) || action.replaceAll('_', ' ').includes(needle) ? [action] : [],
  );
}
