// Small pieces every rule uses: when a check cannot run, and how a call's answer reads as evidence.
import type { CallFact, DiagnosticFacts } from '../facts';
import type { CheckEvidence, CheckId, CheckResult } from '../types';

export const TITLES: Record<CheckId, string> = {
  app_credentials: 'OAuth app credentials',
  grant: 'Authorization (grant)',
  site: 'Jira site access',
  scopes: 'Permissions (scopes)',
  authorizing_user: 'Authorizing user',
  projects: 'Projects in the filter',
  rate_limits: 'Rate limits',
  upstream: 'Refusal or outage',
  callback: 'Callback and consent',
  webhooks: 'Webhooks',
};

export function skipped(id: CheckId, summary: string): CheckResult {
  return { id, title: TITLES[id], outcome: 'skipped', summary, evidence: [], remedy: null, action: null };
}

/** Why a check that needs an authorized connection cannot run, if it cannot. */
export function notAuthorized(facts: DiagnosticFacts): string | undefined {
  if (facts.connection.status === 'pending_authorization' || !facts.connection.cloudId) {
    return 'Not checked: this connection is not authorized yet. An admin must open its authorize link and accept at Atlassian.';
  }
  if (facts.connection.status === 'disconnected' || !facts.grant) {
    return 'Not checked: this connection is disconnected. Reconnect to check it.';
  }
  return undefined;
}

/** Why a check that calls Jira cannot run: not authorized, or no usable access token. */
export function cannotCallJira(facts: DiagnosticFacts): string | undefined {
  return (
    notAuthorized(facts) ??
    (facts.tokenAvailable
      ? undefined
      : 'Not checked: Portico has no usable access token (see “Authorization (grant)”).')
  );
}

const KIND_WORDS: Record<string, string> = {
  forbidden_scope: 'scope does not match',
  token_unusable: 'access token refused',
  forbidden: 'not allowed',
  not_found: 'not found',
  rate_limited: 'throttled',
  upstream: 'Atlassian or the network failed',
  bad_response: 'unexpected answer',
  bad_request: 'request refused as invalid',
};

/** "HTTP 401 (scope does not match)", "no answer (Atlassian or the network failed)". */
export function describeFailure(fact: { kind: string; status?: number }): string {
  const words = KIND_WORDS[fact.kind] ?? fact.kind;
  return fact.status ? `HTTP ${fact.status} (${words})` : `no answer (${words})`;
}

export function describeCall<T>(fact: CallFact<T>, ok: (value: T) => string): string {
  if (fact.outcome === 'ok') return `HTTP 200, ${ok(fact.value)}`;
  if (fact.outcome === 'skipped') return 'Not asked.';
  return describeFailure(fact);
}

/** Failures that say nothing about the connection: Atlassian was busy or unreachable. */
export const isTransient = (kind: string) => kind === 'rate_limited' || kind === 'upstream';

/**
 * Jira refused the token (401) although this run's token is good: the refresh succeeded (or a fresh
 * one was in hand) and the client refreshed once more on the 401. Waiting will not change that: the
 * authorization no longer covers the site (Portico removed from it, or the grant covers other sites).
 */
export function refusedDespiteRefresh(facts: DiagnosticFacts, fact: CallFact<unknown>): boolean {
  return fact.outcome === 'error' && fact.kind === 'token_unusable' && facts.refresh.outcome === 'ok';
}

export const PERSISTENT_REFUSAL =
  'even right after a successful refresh, so this will not pass on its own: the authorization most likely no longer covers the site (see “Jira site access”)';

/**
 * A check whose Jira call got no usable answer: a missing scope (the scopes check says which; only a
 * reconnect helps), a token refused despite a good refresh (only a reconnect helps), a passing outage
 * (run again) or anything else.
 */
export function unansweredCall(
  facts: DiagnosticFacts,
  id: CheckId,
  fact: Exclude<CallFact<unknown>, { outcome: 'ok' }>,
  evidence: CheckEvidence[],
  words: { missingScope: string; question: string; otherwise: string },
): CheckResult {
  if (refusedDespiteRefresh(facts, fact)) {
    return {
      id,
      title: TITLES[id],
      outcome: 'failure',
      summary: `Jira refused the authorization’s access token when asked ${words.question}, ${PERSISTENT_REFUSAL}.`,
      evidence,
      remedy: `Reconnect and choose ${siteName(facts)} on Atlassian’s consent screen; if it is not offered, ask a site admin to give ${userName(facts)} access to it first.`,
      action: 'reconnect',
    };
  }
  const scope = fact.outcome === 'error' && fact.kind === 'forbidden_scope';
  return {
    id,
    title: TITLES[id],
    outcome: 'warning',
    summary: scope
      ? `${words.missingScope} (see “Permissions (scopes)”).`
      : fact.outcome === 'error' && isTransient(fact.kind)
        ? `Jira could not be asked ${words.question} (busy or unreachable). Nothing is broken.`
        : words.otherwise,
    evidence,
    remedy: scope ? 'Fix the missing scopes first, then reconnect.' : 'Run diagnostics again in a few minutes.',
    action: scope ? null : 'rerun',
  };
}

export const userName = (facts: DiagnosticFacts) =>
  facts.myself.outcome === 'ok' ? facts.myself.value.displayName : (facts.grant?.accountName ?? 'the authorizing user');

export const siteName = (facts: DiagnosticFacts) => facts.connection.siteName ?? 'the site';

export { plural } from '@/lib/format/plural';

// The Jira client's operation names, as the request an admin could look up in Atlassian's docs.
const OPERATION_REQUESTS: Record<string, string> = {
  getMyself: 'GET /rest/api/3/myself',
  searchProjects: 'GET /rest/api/3/project/search',
  listAllProjects: 'GET /rest/api/3/project/search',
  getMyPermissions: 'GET /rest/api/3/mypermissions',
  getProjectStatuses: 'GET /rest/api/3/project/{key}/statuses',
  searchStatuses: 'GET /rest/api/3/statuses/search',
  searchAllStatuses: 'GET /rest/api/3/statuses/search',
  listStatuses: 'GET /rest/api/3/status',
  searchPriorities: 'GET /rest/api/3/priority/search',
  listPriorities: 'GET /rest/api/3/priority',
  searchIssues: 'POST /rest/api/3/search/jql',
  approximateCount: 'POST /rest/api/3/search/approximate-count',
  getAccessibleResources: 'GET /oauth/token/accessible-resources',
};

export const describeOperation = (operation: string) => OPERATION_REQUESTS[operation] ?? operation;
