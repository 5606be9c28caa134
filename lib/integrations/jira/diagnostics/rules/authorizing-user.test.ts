import { describe, expect, it } from 'vitest';
import { checkAuthorizingUser } from './authorizing-user';
import { healthyFacts, pending } from './facts.testing';

describe('checkAuthorizingUser', () => {
  it.each([
    [
      'active, not an admin',
      healthyFacts(),
      'pass',
      null,
      /Mia Krystof is active\. They are not a Jira administrator, so Portico reads statuses project by project/,
    ],
    [
      'active admin',
      healthyFacts({ permissions: { outcome: 'ok', value: { administer: true, browseAny: true } } }),
      'pass',
      null,
      /is a Jira administrator|They are a Jira administrator/,
    ],
    [
      'admin unknown',
      healthyFacts({ permissions: { outcome: 'error', kind: 'upstream', status: 503 } }),
      'pass',
      null,
      /could not be read/,
    ],
    [
      'deactivated',
      healthyFacts({
        myself: { outcome: 'ok', value: { displayName: 'Mia Krystof', active: false, accountType: 'atlassian' } },
      }),
      'failure',
      'reconnect',
      /deactivated/,
    ],
    [
      'no read:jira-user',
      healthyFacts({ myself: { outcome: 'error', kind: 'forbidden_scope', status: 401 } }),
      'warning',
      null,
      /lacks the read:jira-user scope/,
    ],
    [
      'Jira busy',
      healthyFacts({ myself: { outcome: 'error', kind: 'rate_limited', status: 429 } }),
      'warning',
      'rerun',
      /busy or unreachable/,
    ],
    [
      'Jira odd',
      healthyFacts({ myself: { outcome: 'error', kind: 'bad_response', status: 200 } }),
      'warning',
      'rerun',
      /did not say/,
    ],
    ['no token', healthyFacts({ tokenAvailable: false }), 'skipped', null, /no usable access token/],
    ['pending', pending(), 'skipped', null, /not authorized yet/],
  ] as const)('%s', (_name, facts, outcome, action, summary) => {
    const result = checkAuthorizingUser(facts);
    expect(result).toMatchObject({ id: 'authorizing_user', outcome, action });
    expect(result.summary).toMatch(summary);
  });

  it('advises a dedicated integration user', () => {
    expect(checkAuthorizingUser(healthyFacts()).remedy).toMatch(/dedicated integration user/);
    expect(
      checkAuthorizingUser(
        healthyFacts({
          myself: { outcome: 'ok', value: { displayName: 'X', active: false, accountType: 'atlassian' } },
        }),
      ).remedy,
    ).toMatch(/Reconnect as an active user.*dedicated integration user/);
  });
});
