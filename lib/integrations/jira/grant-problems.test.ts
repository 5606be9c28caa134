import { describe, expect, it } from 'vitest';
import { APP_OWNER, GRANT_PROBLEM, grantProblemMessage } from './grant-problems';
import type { GrantUnusableReason } from './token-store';

const screen = { reconnect: 'Reconnect here.', retry: 'try again soon.' };

describe('grantProblemMessage', () => {
  it.each([
    ['needs_reconnect', /^Atlassian no longer accepts this authorization .* Reconnect here\.$/],
    ['not_connected', /^This Jira site is not connected\. Reconnect here\.$/],
    ['app_changed', /no longer uses \(it switched apps\)\. Reconnect here\.$/],
    [
      'app_credentials_rejected',
      /^Atlassian rejected the OAuth app’s client ID or secret\. Reconnecting will not help/,
    ],
    ['not_configured', /^No OAuth app is configured .* Reconnecting will not help/],
    ['token_unreadable', /^Portico can no longer read this connection’s tokens: the key .* was removed .* Reconnect here\.$/],
    ['app_secret_unreadable', /^Portico can no longer read .* client secret.* Reconnecting will not help/],
    ['atlassian_unavailable', /^Atlassian could not be reached\. Nothing is broken; try again soon\.$/],
    ['rate_limited', /^Atlassian is throttling requests\. Nothing is broken; try again soon\.$/],
  ] as const)('%s', (reason, message) => {
    expect(grantProblemMessage(reason, screen)).toMatch(message);
  });

  it('every app-owner problem ends with the one sentence naming the admin and the operator', () => {
    const owners = (Object.keys(GRANT_PROBLEM) as GrantUnusableReason[]).filter(
      (reason) => GRANT_PROBLEM[reason].next === 'app_owner',
    );
    expect(owners.sort()).toEqual(['app_credentials_rejected', 'app_secret_unreadable', 'not_configured']);
    for (const reason of owners) expect(grantProblemMessage(reason, screen).endsWith(APP_OWNER)).toBe(true);
    expect(APP_OWNER).toMatch(/OAuth app settings; otherwise the Portico operator must\./);
  });
});
