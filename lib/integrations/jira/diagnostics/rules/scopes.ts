// Check 4: granted vs. required vs. optional scopes, each missing one with what it blocks, and how
// to add it. Atlassian never names the missing scope in its 401, so the grant's scopes decide;
// a "scope does not match" seen on a real call is kept as evidence.
import { evaluateScopes, type ScopeRequirement } from '../../oauth/scopes';
import { timeToken } from '@/lib/format/time-token';
import type { DiagnosticFacts } from '../facts';
import type { CheckEvidence, CheckResult } from '../types';
import { describeOperation, notAuthorized, skipped, TITLES } from './shared';
import { DEVELOPER_CONSOLE_URL } from '../../oauth/setup-checklist';

const id = 'scopes';
const title = TITLES[id];
const DAY_MS = 86_400_000;

const names = (requirements: readonly ScopeRequirement[]) =>
  requirements.map((requirement) => requirement.classic).join(', ');

/**
 * Scopes are set on the OAuth app, so the fix belongs to whoever owns it, as for its credentials (check 1):
 * the organization's admins for its own app; for Portico's shared app only the operator can reach the
 * developer console, so the organization is told to ask them, never to open it.
 */
function howToAdd(missing: readonly ScopeRequirement[], source: DiagnosticFacts['app']['source']): string {
  const classic = missing.map((requirement) => requirement.classic).join(', ');
  const granular = missing.flatMap((requirement) => requirement.granular).join(', ');
  const blocks = [
    'What each missing scope blocks:',
    ...missing.map(
      (requirement) =>
        `• ${requirement.classic} (${requirement.required ? 'required' : 'optional'}): ${requirement.features.join('; ')}.`,
    ),
  ];
  if (source === 'organization') {
    return [
      ...blocks,
      'How to fix (your organization’s own OAuth app, so an admin of your organization does this):',
      `1. Open your app in the Atlassian developer console (${DEVELOPER_CONSOLE_URL}), then Permissions › Jira API › Configure.`,
      `2. On the Classic scopes tab add ${classic}. If the app uses granular scopes instead, add on the Granular scopes tab: ${granular}.`,
      RECONNECT_STEP('3'),
    ].join('\n');
  }
  return [
    ...blocks,
    'How to fix (Portico’s shared OAuth app, which nobody in your organization can change):',
    `1. Ask the Portico operator to add ${classic} to Portico’s app (or the granular ${granular}). Send them this check’s evidence.`,
    RECONNECT_STEP('2', ' once the operator confirms'),
  ].join('\n');
}

const RECONNECT_STEP = (step: string, when = '') =>
  `${step}. Press Reconnect${when} and accept at Atlassian. Atlassian grants added scopes only with a new consent, which replaces the old one; the project filter and mappings are kept.`;

export function checkScopes(facts: DiagnosticFacts): CheckResult {
  const blocked = notAuthorized(facts);
  if (blocked) return skipped(id, blocked);
  const coverage = evaluateScopes(facts.grantedScopes);
  const missing = coverage.filter((entry) => entry.satisfiedBy === null).map((entry) => entry.requirement);
  const missingRequired = missing.filter((requirement) => requirement.required);
  const evidence: CheckEvidence[] = [
    {
      asked: 'Scopes Atlassian granted with the latest token (POST /oauth/token)',
      answered: facts.grantedScopes.join(', ') || 'none',
    },
  ];
  for (const call of facts.runCalls.filter((entry) => entry.errorKind === 'forbidden_scope')) {
    evidence.push({
      asked: `${describeOperation(call.operation)} during this run`,
      answered: `HTTP ${call.status} “Unauthorized; scope does not match”`,
    });
  }
  const { lastScopeMismatchAt, lastScopeMismatchOperation, scopeMismatches } = facts.usage;
  if (lastScopeMismatchAt && facts.now.getTime() - lastScopeMismatchAt.getTime() < DAY_MS) {
    evidence.push({
      asked: 'Portico’s Jira calls in the last 24 hours',
      answered: `${scopeMismatches} answered HTTP 401 “scope does not match”, the last ${timeToken(lastScopeMismatchAt, 'on')}${lastScopeMismatchOperation ? ` (${describeOperation(lastScopeMismatchOperation)})` : ''}`,
    });
  }

  if (missing.length > 0) {
    const required = missingRequired.length;
    const optional = missing.length - required;
    const parts = [required ? `${required} required` : '', optional ? `${optional} optional` : '']
      .filter(Boolean)
      .join(' and ');
    return {
      id,
      title,
      outcome: required > 0 ? 'failure' : 'warning',
      summary: `Atlassian did not give Portico ${parts} ${missing.length === 1 ? 'permission' : 'permissions'} (scopes) it asks for: ${names(missing)}. ${facts.app.source === 'organization' ? 'Permissions come from your app’s settings in the Atlassian developer console.' : 'Permissions come from the settings of Portico’s shared app, which the Portico operator manages.'}`,
      evidence,
      remedy: howToAdd(missing, facts.app.source),
      action: 'reconnect',
    };
  }
  // Only a refusal during this run counts against a full set: earlier ones may predate a reconnect.
  if (facts.runCalls.some((entry) => entry.errorKind === 'forbidden_scope')) {
    return {
      id,
      title,
      outcome: 'warning',
      summary:
        'The authorization holds every scope Portico needs, yet Jira refused a call with “scope does not match”.',
      evidence,
      remedy:
        'Press Reconnect to get a fresh consent with the app’s current scopes; if it happens again, contact Portico support with this evidence.',
      action: 'reconnect',
    };
  }
  return {
    id,
    title,
    outcome: 'pass',
    summary: 'The authorization holds every scope Portico needs, the optional ones included.',
    evidence,
    remedy: null,
    action: null,
  };
}
