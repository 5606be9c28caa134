// The setup checklist for an organization's own Atlassian OAuth app. Pure: facts in, steps out.
// Each step says whether Portico could confirm it, what it looked at, and what to do. Steps that
// happen only in Atlassian's developer console can be confirmed by the admin, until Portico sees
// proof itself (a consent that came back, an accepted secret).

import { evaluateScopes } from './scopes';

export const DEVELOPER_CONSOLE_URL = 'https://developer.atlassian.com/console/myapps/';

export type SetupStepId = 'create_integration' | 'add_scopes' | 'callback_url' | 'sharing' | 'credentials' | 'verify';
/** The steps an admin may confirm by hand: Portico cannot look into the developer console. */
export const ADMIN_CONFIRMABLE_STEPS = ['create_integration', 'add_scopes', 'callback_url', 'sharing'] as const satisfies readonly SetupStepId[];

export type AdminConfirmableStep = (typeof ADMIN_CONFIRMABLE_STEPS)[number];

export const isAdminConfirmable = (id: string): id is AdminConfirmableStep => (ADMIN_CONFIRMABLE_STEPS as readonly string[]).includes(id);

export type SetupStepStatus = 'confirmed_by_portico' | 'confirmed_by_admin' | 'cannot_confirm_yet' | 'problem';

export interface SetupStep {
  id: SetupStepId;
  title: string;
  status: SetupStepStatus;
  /** What Portico looked at, in a sentence. */
  checked: string;
  /** What the admin does for this step. */
  instruction: string;
  /** When the admin confirmed it (ISO), for admin-confirmable steps. */
  confirmedAt?: string;
  adminConfirmable: boolean;
}

export interface SetupFacts {
  /** The organization's own app; null while it uses the platform's. */
  app: {
    clientId: string;
    lastVerificationResult: string | null;
    confirmedSteps: Record<string, string>;
  } | null;
  /** Consents started with this app that came back to the callback, or expired without coming back. */
  returnedConsents: number;
  abandonedConsents: number;
  /** Grants made through this app: each came back to the callback, even after its state was deleted. */
  grantsThroughApp: number;
  /** Distinct identified Atlassian accounts holding a grant of this app (countConsentingAccounts). */
  consentingAccounts: number;
  /** Scopes of the most recent grant made with this app. */
  latestGrantScopes: readonly string[] | null;
}

/** Portico's own verdict on a step, or undefined when it has none (then the admin's counts). */
type Verdict = { status: 'confirmed_by_portico' | 'problem' | 'cannot_confirm_yet'; checked: string } | undefined;

export function buildSetupChecklist(facts: SetupFacts): SetupStep[] {
  const { app } = facts;
  const accepted = app?.lastVerificationResult === 'accepted';
  const step = (id: SetupStepId, title: string, instruction: string, verdict: Verdict, fallback: string): SetupStep => {
    const confirmedAt = isAdminConfirmable(id) ? app?.confirmedSteps[id] : undefined;
    const base = { id, title, instruction, adminConfirmable: isAdminConfirmable(id), ...(confirmedAt ? { confirmedAt } : {}) };
    if (verdict && verdict.status !== 'cannot_confirm_yet') return { ...base, ...verdict };
    if (confirmedAt) return { ...base, status: 'confirmed_by_admin', checked: verdict?.checked ?? fallback };
    return { ...base, status: 'cannot_confirm_yet', checked: verdict?.checked ?? fallback };
  };

  return [
    step(
      'create_integration',
      'Create an OAuth 2.0 (3LO) integration',
      `In the Atlassian developer console (${DEVELOPER_CONSOLE_URL}) choose Create › OAuth 2.0 integration, name it and accept the terms.`,
      accepted ? { status: 'confirmed_by_portico', checked: 'Atlassian accepted this app’s credentials, so the integration exists.' } : undefined,
      'Nothing yet: your developer console is not visible to Portico. Credentials that Atlassian accepts will prove this step.',
    ),
    step('add_scopes', 'Add the Jira API with these scopes', 'Under Permissions, add Jira API, then Configure and add every scope below. Atlassian refuses Portico’s authorization request if one of the requested scopes is missing.', scopesVerdict(facts), 'Nothing yet: the granted scopes become visible with the first connection through this app.'),
    step('callback_url', 'Set the callback URL', 'Under Authorization, OAuth 2.0 (3LO), paste this exact callback URL and save. It must match character for character.', callbackVerdict(facts), 'Nothing yet: a connection through this app that comes back to this URL will prove this step.'),
    step(
      'sharing',
      'Turn on sharing if others will connect',
      'Under Distribution, set the distribution status to Sharing and fill in the form. Without it, only the person who created the app can authorize it: anyone else sees an error at Atlassian.',
      facts.consentingAccounts > 1
        ? { status: 'confirmed_by_portico', checked: `${facts.consentingAccounts} different Atlassian accounts authorized this app, so it is shared.` }
        : undefined,
      'Nothing yet: the distribution setting is not visible to Portico. A second Atlassian account authorizing this app will prove this step.',
    ),
    step(
      'credentials',
      'Paste the client ID and secret',
      'Under Settings, copy the Client ID and the Secret into the form below and save. The secret is encrypted and never shown again.',
      app ? { status: 'confirmed_by_portico', checked: `Saved: client ID ${app.clientId}, with a secret.` } : { status: 'cannot_confirm_yet', checked: 'No app saved yet: your organization uses Portico’s app.' },
      '',
    ),
    step('verify', 'Verify the credentials', 'Use Verify credentials: Portico asks Atlassian’s token endpoint whether it accepts this client ID and secret (no one’s consent needed).', verifyVerdict(app?.lastVerificationResult ?? null, Boolean(app)), ''),
  ];
}

function scopesVerdict(facts: SetupFacts): Verdict {
  if (!facts.latestGrantScopes) return undefined;
  const missing = evaluateScopes(facts.latestGrantScopes).filter((coverage) => coverage.requirement.required && !coverage.satisfiedBy);
  if (missing.length === 0) return { status: 'confirmed_by_portico', checked: 'The latest authorization through this app holds every required scope.' };
  return {
    status: 'problem',
    checked: `The latest authorization through this app lacks ${missing.map((coverage) => coverage.requirement.classic).join(', ')}. Add the missing scopes, then reconnect.`,
  };
}

/**
 * Accounts that prove sharing. A consent whose user Portico could not identify is stored under an
 * `unidentified:<cloudId>` placeholder: it may be the app's creator, so it proves nothing.
 */
export function countConsentingAccounts(accountIds: readonly string[]): number {
  return new Set(accountIds.filter((id) => !id.startsWith('unidentified:'))).size;
}

function callbackVerdict({ returnedConsents, abandonedConsents, grantsThroughApp }: SetupFacts): Verdict {
  if (returnedConsents > 0) {
    return { status: 'confirmed_by_portico', checked: `${returnedConsents} ${returnedConsents === 1 ? 'authorization' : 'authorizations'} through this app came back to the callback URL.` };
  }
  // Keep-alive deletes authorization states after a week; the grants they produced remain.
  if (grantsThroughApp > 0) {
    return { status: 'confirmed_by_portico', checked: `Portico holds ${grantsThroughApp === 1 ? 'an authorization' : `${grantsThroughApp} authorizations`} made through this app, so consents came back to the callback URL.` };
  }
  if (abandonedConsents > 0) {
    return {
      status: 'problem',
      checked: `${abandonedConsents} ${abandonedConsents === 1 ? 'authorization' : 'authorizations'} started with this app never came back. At Atlassian this usually means the callback URL does not match, a requested scope is not added, or the app is not shared with the person authorizing.`,
    };
  }
  return undefined;
}

function verifyVerdict(result: string | null, saved: boolean): Verdict {
  switch (result) {
    case 'accepted':
      return { status: 'confirmed_by_portico', checked: 'Atlassian accepted the client ID and secret.' };
    case 'rejected':
      return {
        status: 'problem',
        checked: 'Atlassian rejected the client ID and secret. Copy the secret again from the Settings page of your app in the developer console and save it here; if that does not help, the client ID is wrong.',
      };
    case 'unreachable':
      return { status: 'cannot_confirm_yet', checked: 'Atlassian could not be reached at the last attempt. Nothing was decided; try again.' };
    case 'unexpected':
      return { status: 'problem', checked: 'Atlassian gave an unexpected answer. Try again; if it persists, contact support.' };
    default:
      return { status: 'cannot_confirm_yet', checked: saved ? 'Not verified yet.' : 'Save the credentials first.' };
  }
}
