import { describe, expect, it } from 'vitest';
import { SANDBOX_APP, setupJiraHarness } from '@/tests/jira-harness';
import { atlassianOAuthConfig, oauthConfigFor } from './config';
import { verifyClientCredentials } from './verify-credentials';

const harness = setupJiraHarness();

describe('verifyClientCredentials (diagnostics check 1)', () => {
  it.each([
    { case: 'right id and secret', secret: SANDBOX_APP.clientSecret, clientId: SANDBOX_APP.clientId, result: 'accepted' },
    { case: 'wrong secret', secret: 'not-the-secret', clientId: SANDBOX_APP.clientId, result: 'rejected' },
    { case: 'unknown client id', secret: SANDBOX_APP.clientSecret, clientId: 'no-such-app', result: 'rejected' },
  ])('$case → $result, without creating a grant', async ({ clientId, secret, result }) => {
    await harness.resetSandbox();
    const check = await verifyClientCredentials(oauthConfigFor('organization', clientId, secret));
    expect(check.result).toBe(result);
    expect(check.evidence).not.toContain(secret);
    const counters = await harness.counters();
    expect(counters.tokenGrants.authorization_code).toBe(0);
  });

  it('an outage at the token endpoint is "unreachable", not a verdict on the credentials', async () => {
    await harness.resetSandbox();
    await harness.control('faults', { route: 'token', status: 503 });
    const check = await verifyClientCredentials(atlassianOAuthConfig()!);
    expect(check.result).toBe('unreachable');
  });
});
