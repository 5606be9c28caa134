import { describe, expect, it } from 'vitest';
import type { DiagnosticFacts } from '../facts';
import { checkAuthorizingUser } from './authorizing-user';
import { healthyFacts, pending } from './facts.testing';

describe('checkAuthorizingUser', () => {
  it.each([
    [
      'active, not an admin',
      healthyFacts(),
      'pass',
      null,
      /Mia Krystof is active\. They are not a Jira administrator\. At the last read, Jira refused its site-wide status search .* so Portico read statuses project by project/,
    ],
    [
      'active admin',
      healthyFacts({ permissions: { outcome: 'ok', value: { administer: true, browseAny: true } } }),
      'pass',
      null,
      /They are a Jira administrator\./,
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

  it('states the status path the stored metadata records, never inferring it from admin rights', () => {
    const notAdmin = { permissions: { outcome: 'ok', value: { administer: false, browseAny: true } } } as const;
    const read = (statusRead: DiagnosticFacts['statusRead'], grantedScopes?: string[]) =>
      checkAuthorizingUser(healthyFacts({ ...notAdmin, statusRead, ...(grantedScopes ? { grantedScopes } : {}) })).summary;
    const fetchedAt = new Date('2026-12-01T10:00:00Z');

    // Not an admin, yet the site-wide search answered (e.g. a project admin): say so.
    const searched = read({ statusPath: 'statuses_search', statusSearchRefused: false, siteStatusesListed: true, fetchedAt });
    expect(searched).toMatch(/They are not a Jira administrator\. At the last read, Jira answered its site-wide status search, so Portico read every status in one call\./);
    expect(searched).not.toMatch(/project by project/);

    expect(read({ statusPath: 'project_statuses', statusSearchRefused: false, siteStatusesListed: false, fetchedAt }, ['read:jira-work', 'read:jira-user', 'offline_access'])).toMatch(
      /not granted manage:jira-configuration, so at the last read Portico read statuses project by project/,
    );
    expect(read({ statusPath: 'project_statuses', statusSearchRefused: true, fetchedAt })).toMatch(/Jira refused its site-wide status search/);
    expect(read({ statusPath: 'project_statuses', statusSearchRefused: false, siteStatusesListed: true, fetchedAt })).toMatch(/statuses of the filtered projects one by one/);
    expect(read(null)).toMatch(/has not read this site’s statuses yet/);
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
