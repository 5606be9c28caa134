// Check 5: the Atlassian user whose consent Portico acts with: still active? A Jira admin? And how
// Portico actually read statuses last time, from the stored metadata stats: the path is decided by
// the granted scope and by whether Jira accepted the site-wide search, not by admin rights alone.
// A personal account is a risk worth a tip.
import type { DiagnosticFacts } from '../facts';
import type { CheckEvidence, CheckResult } from '../types';
import { cannotCallJira, describeCall, skipped, TITLES, unansweredCall } from './shared';

const id = 'authorizing_user';
const title = TITLES[id];

export const INTEGRATION_USER_TIP =
  'Tip: authorize with a dedicated integration user (for example “Portico integration”) rather than a personal account, so the connection survives when someone leaves or changes their password.';

export function checkAuthorizingUser(facts: DiagnosticFacts): CheckResult {
  const blocked = cannotCallJira(facts);
  if (blocked) return skipped(id, blocked);
  const { myself, permissions } = facts;
  const evidence: CheckEvidence[] = [
    {
      asked: 'GET myself',
      answered: describeCall(myself, (user) => `${user.displayName}, ${user.active ? 'active' : 'deactivated'}`),
    },
    {
      asked: 'GET mypermissions?permissions=ADMINISTER,BROWSE_PROJECTS',
      answered: describeCall(
        permissions,
        (held) =>
          `Administer Jira: ${held.administer ? 'yes' : 'no'}; Browse Projects somewhere: ${held.browseAny ? 'yes' : 'no'}`,
      ),
    },
  ];
  if (myself.outcome !== 'ok') {
    return unansweredCall(facts, id, myself, evidence, {
      missingScope:
        'Jira would not say who authorized the connection: the authorization lacks the read:jira-user scope',
      question: 'who authorized the connection',
      otherwise: 'Jira did not say who authorized the connection.',
    });
  }
  const user = myself.value;
  if (!user.active) {
    return {
      id,
      title,
      outcome: 'failure',
      summary: `${user.displayName}, whose authorization Portico uses, is deactivated in Atlassian.`,
      evidence,
      remedy: `Reconnect as an active user who can browse the projects Portico reads. ${INTEGRATION_USER_TIP.replace('Tip: a', 'A')}`,
      action: 'reconnect',
    };
  }
  const adminSentence =
    permissions.outcome !== 'ok'
      ? ' Whether they are a Jira administrator could not be read.'
      : permissions.value.administer
        ? ' They are a Jira administrator.'
        : ' They are not a Jira administrator.';
  return {
    id,
    title,
    outcome: 'pass',
    summary: `${user.displayName} is active.${adminSentence} ${describeStatusRead(facts)}`,
    evidence,
    remedy: INTEGRATION_USER_TIP,
    action: null,
  };
}

const STATUS_SCOPES = ['manage:jira-configuration', 'read:workflow:jira'];

/** What the last metadata read did, as its stored stats record it; never inferred from admin rights. */
export function describeStatusRead({ statusRead, grantedScopes }: Pick<DiagnosticFacts, 'statusRead' | 'grantedScopes'>): string {
  if (!statusRead) return 'Portico has not read this site’s statuses yet.';
  if (statusRead.statusPath === 'statuses_search') {
    return 'At the last read, Jira answered its site-wide status search, so Portico read every status in one call.';
  }
  if (statusRead.statusSearchRefused) {
    return 'At the last read, Jira refused its site-wide status search (it needs Jira or project administrator rights), so Portico read statuses project by project: slower on large sites, otherwise fine.';
  }
  if (!STATUS_SCOPES.some((scope) => grantedScopes.includes(scope))) {
    return 'The connection was not granted manage:jira-configuration, so at the last read Portico read statuses project by project: slower on large sites, otherwise fine.';
  }
  return statusRead.siteStatusesListed
    ? 'At the last read, Portico read the statuses of the filtered projects one by one and checked the rest against Jira’s site-wide status list.'
    : 'At the last read, Portico read statuses project by project.';
}
