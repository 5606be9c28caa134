import { describe, expect, it } from 'vitest';
import { checkAppCredentials } from './app-credentials';
import { healthyFacts, pending } from './facts.testing';

describe('checkAppCredentials', () => {
  it.each([
    [
      'accepted credentials pass',
      healthyFacts(),
      'pass',
      null,
      /accepts the OAuth app’s client ID and secret \(client ID portico-sandbox\)/,
    ],
    [
      'a rejected secret of the platform app fails, never points at consent, and offers the admin nothing to fix',
      healthyFacts({ app: { credentials: { result: 'rejected', evidence: 'HTTP 401 (access_denied).' } } }),
      'failure',
      null,
      /rejects the client ID or secret/,
    ],
    [
      'a rejected secret of the organization’s own app sends the admin to its settings',
      healthyFacts({
        app: { source: 'organization', clientId: 'byo', credentials: { result: 'rejected', evidence: 'HTTP 401.' } },
      }),
      'failure',
      'fix_app_settings',
      /rejects the client ID or secret/,
    ],
    [
      'a client secret no key can open sends the admin to re-enter it, never to consent',
      healthyFacts({ app: { state: 'unreadable', source: 'organization', clientId: undefined, credentials: undefined } }),
      'failure',
      'fix_app_settings',
      /can no longer read your organization’s OAuth app client secret/,
    ],
    [
      'an unreachable token endpoint is only a warning',
      healthyFacts({ app: { credentials: { result: 'unreachable', evidence: 'HTTP 503.' } } }),
      'warning',
      'rerun',
      /could not be reached/,
    ],
    [
      'an unexpected answer is a warning',
      healthyFacts({ app: { credentials: { result: 'unexpected', evidence: 'HTTP 200.' } } }),
      'warning',
      'rerun',
      /unexpected way/,
    ],
    [
      'no app at all fails',
      healthyFacts({ app: { state: 'none', credentials: undefined } }),
      'failure',
      'fix_app_settings',
      /No Atlassian OAuth app is configured/,
    ],
    [
      'a retired app asks for a reconnect',
      healthyFacts({ app: { state: 'retired', clientId: 'old-app', credentials: undefined } }),
      'failure',
      'reconnect',
      /client ID old-app/,
    ],
    ['a pending connection still checks the app', { ...pending(), app: healthyFacts().app }, 'pass', null, /accepts/],
  ] as const)('%s', (_name, facts, outcome, action, summary) => {
    const result = checkAppCredentials(facts);
    expect(result).toMatchObject({ id: 'app_credentials', outcome, action });
    expect(result.summary).toMatch(summary);
  });

  it('tells the organization’s own app where to paste the secret, and the platform app’s operator which variable', () => {
    const own = checkAppCredentials(
      healthyFacts({ app: { source: 'organization', credentials: { result: 'rejected', evidence: '' } } }),
    );
    const platform = checkAppCredentials(healthyFacts({ app: { credentials: { result: 'rejected', evidence: '' } } }));
    expect(own.remedy).toMatch(/Jira app settings.*Do not reconnect/);
    expect(platform.remedy).toMatch(
      /platform app, which nobody in your organization can change: the Portico operator must set ATLASSIAN_CLIENT_SECRET.*Do not reconnect/,
    );
  });

  it('records what was asked and answered', () => {
    const { evidence } = checkAppCredentials(healthyFacts());
    expect(evidence).toEqual([
      {
        asked: expect.stringMatching(/POST \/oauth\/token with a made-up authorization code/),
        answered: 'HTTP 403 (invalid_grant).',
      },
    ]);
  });
});
