// Check 5: the Atlassian user whose consent Portico acts with: still active? A Jira admin (which
// lets Portico read every status in one call)? A personal account is a risk worth a tip.
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
  const admin = permissions.outcome === 'ok' && permissions.value.administer;
  const adminSentence =
    permissions.outcome !== 'ok'
      ? ' Whether they are a Jira administrator could not be read.'
      : admin
        ? ' They are a Jira administrator, so Portico reads every status in one call.'
        : ' They are not a Jira administrator, so Portico reads statuses project by project (slower on large sites, otherwise fine).';
  return {
    id,
    title,
    outcome: 'pass',
    summary: `${user.displayName} is active.${adminSentence}`,
    evidence,
    remedy: INTEGRATION_USER_TIP,
    action: null,
  };
}
