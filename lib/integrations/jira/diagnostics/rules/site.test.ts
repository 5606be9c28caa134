import { describe, expect, it } from 'vitest';
import { CLOUD_ID, healthyFacts, pending } from './facts.testing';
import { checkSite } from './site';

const labs = { id: '8e2a9b7c-5d4f-4e3a-8b1c-6d7e8f9a0b1c', name: 'acme-labs-sandbox' };

describe('checkSite', () => {
  it('does not claim Portico was removed from a site that the grant was never given for', () => {
    const result = checkSite(healthyFacts({ grant: { cloudIds: [labs.id] }, sites: { outcome: 'ok', value: [labs] } }));
    expect(result.remedy).not.toMatch(/removed/);
    expect(result.remedy).toMatch(/Reconnect and choose acme-sandbox .* the other sites keep theirs/);
  });


  it.each([
    ['the site is listed', healthyFacts(), 'pass', null, /acme-sandbox is still among/],
    [
      'listed among several',
      healthyFacts({ sites: { outcome: 'ok', value: [labs, { id: CLOUD_ID, name: 'acme-sandbox' }] } }),
      'pass',
      null,
      /still among/,
    ],
    [
      'the site is gone',
      healthyFacts({ sites: { outcome: 'ok', value: [labs] } }),
      'failure',
      'reconnect',
      /no longer lets this authorization reach acme-sandbox/,
    ],
    ['no site at all', healthyFacts({ sites: { outcome: 'ok', value: [] } }), 'failure', 'reconnect', /no longer lets/],
    [
      'a grant recorded for this site that no longer reaches it',
      healthyFacts({ grant: { cloudIds: [CLOUD_ID] }, sites: { outcome: 'ok', value: [labs] } }),
      'failure',
      'reconnect',
      /no longer lets this authorization reach acme-sandbox/,
    ],
    [
      'a grant that was given for another site only (resource-level consent)',
      healthyFacts({ grant: { cloudIds: [labs.id] }, sites: { outcome: 'ok', value: [labs] } }),
      'failure',
      'reconnect',
      /^The authorization this connection uses does not cover acme-sandbox: Atlassian’s consent behind it was given for 1 other site\.$/,
    ],
    [
      'a refused token',
      healthyFacts({ sites: { outcome: 'error', kind: 'token_unusable', status: 401 } }),
      'failure',
      'reconnect',
      /refused the connection’s access token/,
    ],
    [
      'an outage',
      healthyFacts({ sites: { outcome: 'error', kind: 'upstream', status: 503 } }),
      'warning',
      'rerun',
      /busy or unreachable.*Nothing is broken/,
    ],
    [
      'throttled',
      healthyFacts({ sites: { outcome: 'error', kind: 'rate_limited', status: 429 } }),
      'warning',
      'rerun',
      /busy or unreachable/,
    ],
    [
      'an odd answer',
      healthyFacts({ sites: { outcome: 'error', kind: 'bad_response', status: 200 } }),
      'warning',
      'rerun',
      /unexpected way/,
    ],
    ['no token', healthyFacts({ tokenAvailable: false }), 'skipped', null, /no usable access token/],
    ['pending', pending(), 'skipped', null, /not authorized yet/],
  ] as const)('%s', (_name, facts, outcome, action, summary) => {
    const result = checkSite(facts);
    expect(result).toMatchObject({ id: 'site', outcome, action });
    expect(result.summary).toMatch(summary);
  });

  it('evidence counts the sites and says whether this one is among them, never naming the others', () => {
    const { evidence } = checkSite(healthyFacts({ sites: { outcome: 'ok', value: [labs] } }));
    expect(evidence[0]).toEqual({
      asked: 'GET /oauth/token/accessible-resources (the sites this authorization reaches)',
      answered: `HTTP 200, 1 site; acme-sandbox (${CLOUD_ID}) is not among them`,
    });
  });
});
