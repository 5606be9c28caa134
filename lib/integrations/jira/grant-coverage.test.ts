import { describe, expect, it } from 'vitest';
import { connectionsToMove, coveredSites, decideOnUnauthorized } from './grant-coverage';

const A = 'site-a';
const B = 'site-b';

describe('coveredSites', () => {
  it.each([
    ['recorded coverage wins', [A], [A, B], [A]],
    ['a grant saved before coverage existed covers its connections’ sites', [], [B], [B]],
  ])('%s', (_, cloudIds, connectionSites, expected) => {
    expect(coveredSites({ cloudIds }, connectionSites)).toEqual(expected);
  });
});

describe('connectionsToMove', () => {
  const on = (id: string, cloudId: string, account = 'acc-1', client = 'app') => ({ id, cloudId, grantId: `g-${id}`, grantClientId: client, grantAccountId: account });
  it.each([
    ['account-level: the new grant covers both sites, so the other site moves too', [A, B], [on('b', B)], ['b']],
    ['resource-level: the new grant covers only its site, so the other keeps its own grant', [A], [on('b', B)], []],
    ['another Atlassian account’s connection is never taken over', [A, B], [on('b', B, 'acc-2')], []],
    ['another OAuth app’s connection is never taken over', [A, B], [on('b', B, 'acc-1', 'old-app')], []],
  ])('%s', (_, newCloudIds, connections, expected) => {
    expect(connectionsToMove({ newCloudIds, clientId: 'app', accountId: 'acc-1', connections })).toEqual(expected);
  });
});

describe('decideOnUnauthorized', () => {
  const base = { rejectedToken: 't1', storedToken: 't1', tokenFresh: true, cloudId: A, grantCloudIds: [A] };
  it.each([
    ['an expired token is refreshed', { tokenFresh: false }, 'refresh', 'token_expired'],
    ['someone refreshed meanwhile: the stored token, no refresh', { storedToken: 't2' }, 'use_stored', 'refreshed_meanwhile'],
    ['a site the grant does not cover: no refresh', { cloudId: B }, 'give_up', 'site_not_covered'],
    ['a covered site refusing a fresh token: ask accessible-resources first', {}, 'probe', 'token_fresh'],
    ['no coverage recorded: ask accessible-resources first', { cloudId: B, grantCloudIds: [] }, 'probe', 'token_fresh'],
  ])('%s', (_, overrides, action, reason) => {
    expect(decideOnUnauthorized({ ...base, ...overrides })).toEqual({ action, reason });
  });
});
