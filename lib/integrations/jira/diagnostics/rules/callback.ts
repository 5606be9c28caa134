// Check 9: the callback URL to register, and authorizations that were started but never came back.
// Atlassian shows its own error page instead of redirecting when the callback URL is not
// registered, the app lacks a requested scope, or the app is not shared with other users, so
// "started, never returned" is the only trace Portico ever sees of those mistakes.
import { timeToken } from '@/lib/format/time-token';
import type { DiagnosticFacts } from '../facts';
import type { CheckResult } from '../types';
import { plural, TITLES } from './shared';
import { DEVELOPER_CONSOLE_URL } from '../../oauth/setup-checklist';

const id = 'callback';
const title = TITLES[id];

/** Whether a consent started with `clientId` used this connection's app (null: the platform app). */
function sameApp(facts: DiagnosticFacts, clientId: string | null): boolean {
  if (clientId === null) return facts.app.source === 'platform';
  return clientId === facts.app.clientId;
}

export function checkCallback(facts: DiagnosticFacts): CheckResult {
  const { callbackUrl, abandonedCapped } = facts.consents;
  // Another app's consents say nothing about this app's console settings.
  const abandoned = facts.consents.abandoned.filter((attempt) => sameApp(facts, attempt.clientId));
  const lastReturnedAt =
    facts.consents.returned
      .filter((entry) => sameApp(facts, entry.clientId))
      .map((entry) => entry.at)
      .sort((a, b) => b.getTime() - a.getTime())[0] ?? null;
  const unexplained = abandoned.filter((attempt) => !lastReturnedAt || attempt.startedAt > lastReturnedAt);
  const count = (n: number) => (abandonedCapped && n === abandoned.length ? `${n} or more` : String(n));
  const lastReturned = lastReturnedAt ? `; the last one that came back did so ${timeToken(lastReturnedAt)}` : '';
  const evidence = [
    { asked: 'Callback URL Portico sends to Atlassian', answered: callbackUrl },
    {
      asked: 'Authorizations through this connection’s OAuth app started in the last 7 days that never came back',
      answered: abandoned.length
        ? `${count(abandoned.length)}, the latest started ${timeToken(abandoned[0]!.startedAt)}${lastReturned || '; none came back since'}`
        : `none${lastReturned}`,
    },
  ];
  if (unexplained.length === 0) {
    return {
      id,
      title,
      outcome: 'pass',
      summary: abandoned.length
        ? `Authorizations come back to Portico; ${plural(abandoned.length, 'earlier attempt was', 'earlier attempts were')} abandoned before the last one that came back.`
        : 'Every authorization started in the last 7 days came back to Portico.',
      evidence,
      remedy: `The callback URL registered in the Atlassian developer console must be exactly ${callbackUrl}`,
      action: null,
    };
  }
  const ownApp = facts.app.source === 'organization';
  return {
    id,
    title,
    outcome: 'warning',
    summary: `${count(unexplained.length)} ${unexplained.length === 1 ? 'authorization' : 'authorizations'} started at Atlassian never came back to Portico; Atlassian most likely showed an error page instead.`,
    evidence,
    remedy: [
      ownApp
        ? `Check your app in the Atlassian developer console (${DEVELOPER_CONSOLE_URL} › your app):`
        : 'Portico’s own app is managed by the Portico operator: ask them to check it in the Atlassian developer console:',
      `• Authorization › OAuth 2.0 (3LO): the Callback URL must be exactly ${callbackUrl}`,
      '• Permissions: every scope Portico asks for must be added (see “Permissions (scopes)”).',
      '• Distribution: sharing must be enabled, or only the app’s owner can consent.',
      'If none of these applies, the person may simply have closed Atlassian’s page; start again with Reconnect.',
    ].join('\n'),
    // An organization admin can fix only the organization's own app.
    action: ownApp ? 'fix_app_settings' : null,
  };
}
