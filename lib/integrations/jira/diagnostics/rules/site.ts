// Check 3: is the connection's site (cloudId) still among the sites the authorization reaches?
import type { DiagnosticFacts } from '../facts';
import type { CheckResult } from '../types';
import { cannotCallJira, describeCall, isTransient, plural, siteName, skipped, TITLES, userName } from './shared';

const id = 'site';
const title = TITLES[id];

export function checkSite(facts: DiagnosticFacts): CheckResult {
  const blocked = cannotCallJira(facts);
  if (blocked) return skipped(id, blocked);
  const { sites } = facts;
  const site = siteName(facts);
  const evidence = [
    {
      asked: 'GET /oauth/token/accessible-resources (the sites this authorization reaches)',
      // Only the count and this site: the other sites may belong to other companies the user works for.
      answered: describeCall(sites, (list) => {
        const found = list.some((entry) => entry.id === facts.connection.cloudId);
        return `${plural(list.length, 'site')}; ${site} (${facts.connection.cloudId}) is ${found ? '' : 'not '}among them`;
      }),
    },
  ];
  if (sites.outcome === 'skipped') return skipped(id, 'Not checked.');
  if (sites.outcome === 'error') {
    if (sites.kind === 'token_unusable') {
      return {
        id,
        title,
        outcome: 'failure',
        summary: 'Atlassian refused the connection’s access token when asked which sites it reaches.',
        evidence,
        remedy: `Reconnect, choosing ${site} on Atlassian’s consent screen.`,
        action: 'reconnect',
      };
    }
    return {
      id,
      title,
      outcome: 'warning',
      summary: isTransient(sites.kind)
        ? 'Atlassian could not say which sites the authorization reaches (busy or unreachable). Nothing is broken.'
        : 'Atlassian answered the site list in an unexpected way.',
      evidence,
      remedy: 'Run diagnostics again in a few minutes.',
      action: 'rerun',
    };
  }
  if (sites.value.some((entry) => entry.id === facts.connection.cloudId)) {
    return {
      id,
      title,
      outcome: 'pass',
      summary: `${site} is still among the sites this authorization can reach.`,
      evidence,
      remedy: null,
      action: null,
    };
  }
  // Portico records which sites each consent reached (decision 012). A grant recorded without this site
  // was never given for it: with resource-level grants each consent covers only the sites picked on the
  // consent screen, so nobody removed anything. (Empty: recorded before grants had coverage.)
  const recorded = facts.grant?.cloudIds ?? [];
  if (recorded.length > 0 && facts.connection.cloudId && !recorded.includes(facts.connection.cloudId)) {
    return {
      id,
      title,
      outcome: 'failure',
      summary: `The authorization this connection uses does not cover ${site}: Atlassian’s consent behind it was given for ${plural(recorded.length, 'other site')}.`,
      evidence,
      remedy: `Reconnect and choose ${site} on Atlassian’s consent screen: that consent becomes this site’s own authorization, and the other sites keep theirs. If ${site} is not offered, ask a site admin to give ${userName(facts)} access to it first.`,
      action: 'reconnect',
    };
  }
  return {
    id,
    title,
    outcome: 'failure',
    summary: `Atlassian no longer lets this authorization reach ${site}.`,
    evidence,
    remedy: `Most likely Portico was removed from the site (Jira settings › Apps › Connected apps) or ${userName(facts)} lost access to it. Reconnect and choose ${site} on Atlassian’s consent screen; if it is not offered, ask a site admin to give ${userName(facts)} access to ${site} first.`,
    action: 'reconnect',
  };
}
