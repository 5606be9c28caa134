import { describe, expect, it } from 'vitest';
import { buildSetupChecklist, countConsentingAccounts, type SetupFacts, type SetupStepId, type SetupStepStatus } from './setup-checklist';

const ALL_SCOPES = ['read:jira-work', 'read:jira-user', 'offline_access', 'manage:jira-configuration'];
const app = (overrides: Partial<NonNullable<SetupFacts['app']>> = {}): SetupFacts['app'] => ({
  clientId: 'own-client',
  lastVerificationResult: null,
  confirmedSteps: {},
  ...overrides,
});
const facts = (overrides: Partial<SetupFacts> = {}): SetupFacts => ({
  app: app(),
  returnedConsents: 0,
  abandonedConsents: 0,
  grantsThroughApp: 0,
  consentingAccounts: 0,
  latestGrantScopes: null,
  ...overrides,
});
const statusOf = (input: SetupFacts, id: SetupStepId) => buildSetupChecklist(input).find((step) => step.id === id)!;

describe('buildSetupChecklist', () => {
  it('lists the six steps in the order an admin does them', () => {
    expect(buildSetupChecklist(facts()).map((step) => step.id)).toEqual(['create_integration', 'add_scopes', 'callback_url', 'sharing', 'credentials', 'verify']);
  });

  const table: { name: string; input: SetupFacts; id: SetupStepId; status: SetupStepStatus; checked?: RegExp }[] = [
    { name: 'platform app: nothing saved', input: facts({ app: null }), id: 'credentials', status: 'cannot_confirm_yet', checked: /uses Portico’s app/ },
    { name: 'platform app: nothing to verify', input: facts({ app: null }), id: 'verify', status: 'cannot_confirm_yet', checked: /Save the credentials first/ },
    { name: 'saved credentials', input: facts(), id: 'credentials', status: 'confirmed_by_portico', checked: /own-client/ },
    { name: 'not verified yet', input: facts(), id: 'verify', status: 'cannot_confirm_yet', checked: /Not verified yet/ },
    { name: 'accepted secret', input: facts({ app: app({ lastVerificationResult: 'accepted' }) }), id: 'verify', status: 'confirmed_by_portico' },
    { name: 'rejected secret: says how to fix', input: facts({ app: app({ lastVerificationResult: 'rejected' }) }), id: 'verify', status: 'problem', checked: /Copy the secret again from the Settings page.*client ID is wrong/ },
    { name: 'Atlassian unreachable: undecided', input: facts({ app: app({ lastVerificationResult: 'unreachable' }) }), id: 'verify', status: 'cannot_confirm_yet', checked: /try again/ },
    { name: 'unexpected answer', input: facts({ app: app({ lastVerificationResult: 'unexpected' }) }), id: 'verify', status: 'problem' },
    { name: 'accepted secret proves the integration exists', input: facts({ app: app({ lastVerificationResult: 'accepted' }) }), id: 'create_integration', status: 'confirmed_by_portico' },
    { name: 'integration confirmed by the admin', input: facts({ app: app({ confirmedSteps: { create_integration: '2026-01-01T00:00:00.000Z' } }) }), id: 'create_integration', status: 'confirmed_by_admin' },
    { name: 'integration unknown', input: facts(), id: 'create_integration', status: 'cannot_confirm_yet', checked: /developer console is not visible/ },
    { name: 'a consent came back: callback works', input: facts({ returnedConsents: 2 }), id: 'callback_url', status: 'confirmed_by_portico', checked: /2 authorizations/ },
    { name: 'consents never came back: problem with the likely causes', input: facts({ abandonedConsents: 1 }), id: 'callback_url', status: 'problem', checked: /callback URL does not match.*scope.*not shared/ },
    { name: 'states deleted by keep-alive, grants remain: callback still confirmed', input: facts({ grantsThroughApp: 1 }), id: 'callback_url', status: 'confirmed_by_portico', checked: /holds an authorization made through this app/ },
    { name: 'a returned consent outweighs abandoned ones', input: facts({ returnedConsents: 1, abandonedConsents: 3 }), id: 'callback_url', status: 'confirmed_by_portico' },
    { name: 'abandoned consents outweigh the admin’s confirmation', input: facts({ abandonedConsents: 1, app: app({ confirmedSteps: { callback_url: '2026-01-01T00:00:00.000Z' } }) }), id: 'callback_url', status: 'problem' },
    { name: 'callback confirmed by the admin', input: facts({ app: app({ confirmedSteps: { callback_url: '2026-01-01T00:00:00.000Z' } }) }), id: 'callback_url', status: 'confirmed_by_admin' },
    { name: 'grant with every required scope', input: facts({ latestGrantScopes: ALL_SCOPES }), id: 'add_scopes', status: 'confirmed_by_portico' },
    { name: 'granular scopes count too', input: facts({ latestGrantScopes: ['read:project:jira', 'read:issue-type:jira', 'read:issue-status:jira', 'read:status:jira', 'read:priority:jira', 'read:permission:jira', 'read:issue-details:jira', 'read:field:jira', 'read:field.default-value:jira', 'read:field.option:jira', 'read:project.property:jira', 'read:issue-type-hierarchy:jira', 'read:project-category:jira', 'read:project-version:jira', 'read:project.component:jira', 'read:jira-user', 'offline_access'] }), id: 'add_scopes', status: 'confirmed_by_portico' },
    { name: 'grant lacking a required scope names it', input: facts({ latestGrantScopes: ['read:jira-work', 'read:jira-user'] }), id: 'add_scopes', status: 'problem', checked: /lacks offline_access/ },
    { name: 'an optional scope missing is no problem', input: facts({ latestGrantScopes: ['read:jira-work', 'read:jira-user', 'offline_access'] }), id: 'add_scopes', status: 'confirmed_by_portico' },
    { name: 'scopes unknown without a grant', input: facts(), id: 'add_scopes', status: 'cannot_confirm_yet' },
    { name: 'two accounts prove sharing', input: facts({ consentingAccounts: 2 }), id: 'sharing', status: 'confirmed_by_portico' },
    { name: 'one account proves nothing about sharing', input: facts({ consentingAccounts: 1 }), id: 'sharing', status: 'cannot_confirm_yet', checked: /second Atlassian account/ },
    { name: 'sharing confirmed by the admin', input: facts({ app: app({ confirmedSteps: { sharing: '2026-01-01T00:00:00.000Z' } }) }), id: 'sharing', status: 'confirmed_by_admin' },
    { name: 'a confirmation of a step Portico owns is ignored', input: facts({ app: app({ confirmedSteps: { verify: '2026-01-01T00:00:00.000Z' } }) }), id: 'verify', status: 'cannot_confirm_yet' },
  ];

  it.each(table)('$name → $id is $status', ({ input, id, status, checked }) => {
    const step = statusOf(input, id);
    expect(step.status).toBe(status);
    if (checked) expect(step.checked).toMatch(checked);
    expect(step.instruction.length).toBeGreaterThan(20);
  });

  it('lets the admin confirm exactly the console-only steps', () => {
    expect(buildSetupChecklist(facts()).filter((step) => step.adminConfirmable).map((step) => step.id)).toEqual(['create_integration', 'add_scopes', 'callback_url', 'sharing']);
  });

  it('explains why sharing matters', () => {
    expect(statusOf(facts(), 'sharing').instruction).toMatch(/only the person who created the app can authorize it/);
  });
});

describe('countConsentingAccounts', () => {
  it('counts distinct identified accounts; unidentified placeholders prove nothing', () => {
    expect(countConsentingAccounts(['a', 'a', 'unidentified:cloud-1', 'unidentified:cloud-2'])).toBe(1);
    expect(countConsentingAccounts(['a', 'b'])).toBe(2);
  });
});
