// Check 8: tells apart the four ways a call can fail, because each asks for a different response:
// Atlassian refused the grant (someone must reconnect), Portico's own app is misconfigured (never
// send an admin through consent for that), throttled, or Atlassian/the network is failing
// (nothing to do: Portico retries and never marks the connection broken for it).
import type { DiagnosticFacts } from '../facts';
import type { CheckEvidence, CheckResult } from '../types';
import { describeOperation, PERSISTENT_REFUSAL, plural, refusedDespiteRefresh, skipped, TITLES } from './shared';

const id = 'upstream';
const title = TITLES[id];

export function checkUpstream(facts: DiagnosticFacts): CheckResult {
  const failures = facts.runCalls.filter((call) => call.errorKind === 'upstream');
  const throttled = facts.runCalls.filter((call) => call.status === 429);
  const refresh = facts.refresh.outcome === 'failed' ? facts.refresh.reason : undefined;
  const evidence: CheckEvidence[] = [
    {
      asked: `${plural(facts.runCalls.length, 'Jira call')} during this run`,
      answered: facts.runCalls.length
        ? facts.runCalls
            .map((call) => `${describeOperation(call.operation)}: ${call.status ? `HTTP ${call.status}` : 'no answer'}`)
            .join('; ')
        : 'none made',
    },
  ];
  // Portico could not open its own stored credentials: nothing went to Atlassian, so nothing to judge here.
  if (refresh === 'token_unreadable' || refresh === 'app_secret_unreadable' || facts.app.state === 'unreadable') {
    return skipped(
      id,
      'Not checked: Portico could not read its stored credentials, so it called nothing (see “OAuth app credentials” and “Authorization (grant)”).',
    );
  }
  if (facts.app.credentials?.result === 'rejected' || refresh === 'app_credentials_rejected') {
    return {
      id,
      title,
      outcome: 'failure',
      summary:
        'Portico’s own OAuth app is misconfigured: Atlassian rejects its client secret. Reconnecting would not help.',
      evidence,
      remedy:
        facts.app.source === 'organization'
          ? 'Correct the app’s client secret (see “OAuth app credentials”). No one needs to reconnect.'
          : 'The Portico operator must correct the platform app’s client secret (see “OAuth app credentials”). No one needs to reconnect.',
      action: facts.app.source === 'organization' ? 'fix_app_settings' : null,
    };
  }
  if (facts.grant?.status === 'needs_reconnect' || refresh === 'needs_reconnect') {
    return {
      id,
      title,
      outcome: 'failure',
      summary: 'Atlassian refused the authorization: this is not an outage, someone must reconnect.',
      evidence,
      remedy: 'Press Reconnect and accept at Atlassian (see “Authorization (grant)” for the likely cause).',
      action: 'reconnect',
    };
  }
  // A 401 that survived the client's own refresh and retry, with a good token in hand: not an outage.
  // Final answers only: a 401 the client cured with its one refresh is not one of them.
  const refused = [facts.myself, facts.permissions, facts.projects.search].filter((fact) =>
    refusedDespiteRefresh(facts, fact),
  );
  if (refused.length > 0) {
    return {
      id,
      title,
      outcome: 'failure',
      summary: `Jira refused this connection’s access token (${plural(refused.length, 'call')} ended in HTTP 401) ${PERSISTENT_REFUSAL}. This is not an outage.`,
      evidence,
      remedy: 'Press Reconnect and choose this site on Atlassian’s consent screen (see “Jira site access”).',
      action: 'reconnect',
    };
  }
  if (refresh === 'atlassian_unavailable' || failures.length > 0) {
    const failed = failures.length + (refresh === 'atlassian_unavailable' ? 1 : 0);
    return {
      id,
      title,
      outcome: 'warning',
      summary: `Atlassian or the network is failing (${plural(failed, 'failed call')} in this run: HTTP 5xx or timeouts). Nothing to do: Portico retries, and the connection is not marked broken.`,
      evidence,
      remedy: 'Run diagnostics again later; check status.atlassian.com if it lasts.',
      action: 'rerun',
    };
  }
  if (refresh === 'rate_limited' || throttled.length > 0) {
    return {
      id,
      title,
      outcome: 'warning',
      summary:
        'Atlassian throttled calls during this run (see “Rate limits”). Nothing is broken; Portico waits and retries.',
      evidence,
      remedy: 'Run diagnostics again in a minute.',
      action: 'rerun',
    };
  }
  const recent = facts.usage.upstreamFailures;
  return {
    id,
    title,
    outcome: 'pass',
    summary: `Atlassian answered every call of this run normally: nothing refused, nothing failing.${recent ? ` (${plural(recent, 'call')} failed upstream in the last 24 hours and ${recent === 1 ? 'was' : 'were'} retried.)` : ''}`,
    evidence,
    remedy: null,
    action: null,
  };
}
