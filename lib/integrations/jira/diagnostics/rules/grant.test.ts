import { describe, expect, it } from 'vitest';
import { parseTimeTokens, renderTimeTokensUtc } from '@/lib/format/time-token';
import type { DiagnosticFacts } from '../facts';
import { daysAgo, healthyFacts, NOW, pending } from './facts.testing';
import { checkGrant, likelyDeadGrantCause } from './grant';

const dead = (grant: Partial<NonNullable<DiagnosticFacts['grant']>> = {}) =>
  healthyFacts({ grant, refresh: { outcome: 'failed', reason: 'needs_reconnect' }, tokenAvailable: false });

describe('checkGrant', () => {
  it.each([
    ['a fresh refresh passes', healthyFacts(), 'pass', null, /authorization is alive: Atlassian refreshed it just now/],
    [
      'right after a consent: the fresh token, no refresh',
      healthyFacts({ refresh: { outcome: 'ok', refreshed: false, notForced: 'fresh_consent' } }),
      'pass',
      null,
      /issued its access token minutes ago/,
    ],
    [
      'refreshed under an hour ago: that refresh is the proof',
      healthyFacts({
        grant: { lastRefreshedAt: new Date(NOW.getTime() - 20 * 60_000) },
        refresh: { outcome: 'ok', refreshed: false, notForced: 'refreshed_recently' },
      }),
      'pass',
      null,
      /authorization is alive: Atlassian refreshed it less than an hour ago/,
    ],
    ['a refused refresh fails with reconnect', dead(), 'failure', 'reconnect', /no longer accepts .* Mia Krystof/],
    [
      'a grant already marked dead fails without asking again',
      healthyFacts({ grant: { status: 'needs_reconnect' }, refresh: { outcome: 'failed', reason: 'needs_reconnect' } }),
      'failure',
      'reconnect',
      /no longer accepts/,
    ],
    [
      'an outage is a warning, never a failure',
      healthyFacts({ refresh: { outcome: 'failed', reason: 'atlassian_unavailable' }, tokenAvailable: false }),
      'warning',
      'rerun',
      /could not be reached.*Nothing is broken/,
    ],
    [
      'an outage with a working token says so',
      healthyFacts({ refresh: { outcome: 'failed', reason: 'atlassian_unavailable' } }),
      'warning',
      'rerun',
      /current access token still works/,
    ],
    [
      'a throttled refresh is a warning',
      healthyFacts({ refresh: { outcome: 'failed', reason: 'rate_limited' } }),
      'warning',
      'rerun',
      /throttled the refresh/,
    ],
    [
      'rejected app credentials leave it to check 1',
      healthyFacts({ refresh: { outcome: 'failed', reason: 'app_credentials_rejected' }, tokenAvailable: false }),
      'skipped',
      null,
      /OAuth app credentials/,
    ],
    [
      'tokens no key can open fail with reconnect, naming the removed key',
      healthyFacts({ refresh: { outcome: 'failed', reason: 'token_unreadable' }, tokenAvailable: false }),
      'failure',
      'reconnect',
      /can no longer read the tokens .*key that encrypted them was removed/,
    ],
    [
      'an unreadable app secret leaves it to check 1',
      healthyFacts({ refresh: { outcome: 'failed', reason: 'app_secret_unreadable' }, tokenAvailable: false }),
      'skipped',
      null,
      /OAuth app credentials/,
    ],
    [
      'a retired app leaves it to check 1',
      healthyFacts({ refresh: { outcome: 'failed', reason: 'not_configured' }, tokenAvailable: false }),
      'skipped',
      null,
      /OAuth app credentials/,
    ],
    [
      'idle for 10 days warns about the keep-alive',
      healthyFacts({ grant: { lastRefreshedAt: daysAgo(10) } }),
      'warning',
      null,
      /not been refreshed for 10 days.*would have expired on/,
    ],
    ['idle for 7 days is still fine', healthyFacts({ grant: { lastRefreshedAt: daysAgo(7) } }), 'pass', null, /alive/],
    [
      'never refreshed counts from creation',
      healthyFacts({ grant: { lastRefreshedAt: null, createdAt: daysAgo(20) } }),
      'warning',
      null,
      /20 days/,
    ],
    ['a pending connection is skipped', pending(), 'skipped', null, /not authorized yet/],
    [
      'a disconnected connection is skipped',
      healthyFacts({ connection: { status: 'disconnected' }, grant: null }),
      'skipped',
      null,
      /disconnected/,
    ],
  ] as const)('%s', (_name, facts, outcome, action, summary) => {
    const result = checkGrant(facts);
    expect(result).toMatchObject({ id: 'grant', outcome, action });
    // As the REST API and emails read it (times are tokens the page shows in the reader's zone).
    expect(renderTimeTokensUtc(result.summary)).toMatch(summary);
  });

  it('writes its times as tokens: the page shows them in the reader’s zone, the API and emails in UTC', () => {
    const result = checkGrant(healthyFacts({ grant: { lastRefreshedAt: daysAgo(10) } }));
    const expiry = new Date(daysAgo(10).getTime() + 90 * 86_400_000);
    expect(parseTimeTokens(result.summary)).toEqual([
      {
        kind: 'text',
        text: 'The authorization works, but it had not been refreshed for 10 days: left unused it would have expired ',
      },
      { kind: 'time', date: expiry, prefix: 'on' },
      { kind: 'text', text: '.' },
    ]);
    expect(renderTimeTokensUtc(result.summary)).toBe(
      'The authorization works, but it had not been refreshed for 10 days: left unused it would have expired on Feb 11, 2027, 12:00 PM UTC.',
    );
    expect(result.evidence.map(({ asked, answered }) => [asked, renderTimeTokensUtc(answered)])).toContainEqual([
      'Last successful refresh before this run',
      'Nov 13, 2026, 12:00 PM UTC',
    ]);
  });

  it.each([
    ['90 days unused', { lastRefreshedAt: daysAgo(91) }, /not refreshed for 90 days/],
    ['no refresh token', { hasRefreshToken: false }, /offline_access/],
    ['recorded as no refresh token', { lastRefreshError: 'no_refresh_token' }, /offline_access/],
    [
      'recently used: revoked, password or reuse',
      { lastRefreshedAt: daysAgo(2) },
      /revoked .* password changed.* same refresh token/,
    ],
  ] as const)('names the likely cause: %s', (_name, grant, cause) => {
    expect(likelyDeadGrantCause(dead(grant))).toMatch(cause);
  });

  it('the failure names the site to choose when reconnecting', () => {
    expect(checkGrant(dead()).remedy).toMatch(/can see acme-sandbox .* filter and mappings are kept/);
  });

  it('a grant that died for lack of a refresh token never claims Atlassian answered invalid_grant', () => {
    for (const grant of [
      { hasRefreshToken: false },
      { status: 'needs_reconnect' as const, lastRefreshError: 'no_refresh_token' },
    ]) {
      const { evidence } = checkGrant(dead(grant));
      expect(evidence[0]?.answered).toMatch(/^Not sent.*Portico holds no refresh token/);
      expect(JSON.stringify(evidence)).not.toMatch(/invalid_grant/);
    }
  });

  it('says Portico did it when its own retry of an unanswered refresh killed the token family', () => {
    const result = checkGrant(
      dead({ status: 'needs_reconnect', lastRefreshError: 'refresh_token_reused', lastRefreshedAt: daysAgo(1) }),
    );
    expect(result.outcome).toBe('failure');
    expect(result.summary).toMatch(/Portico itself caused it: an earlier refresh got no answer/);
    expect(result.summary).not.toMatch(/user revoked|another copy of Portico’s database/);
    expect(result.action).toBe('reconnect');
  });
});
