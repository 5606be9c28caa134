import { describe, expect, it } from 'vitest';
import { checkCallback } from './callback';
import { daysAgo, healthyFacts, pending } from './facts.testing';

const consents = (abandoned: Date[], lastReturnedAt: Date | null, more: { capped?: boolean } = {}) =>
  healthyFacts({
    consents: {
      abandoned: abandoned.map((startedAt) => ({ startedAt, clientId: 'portico-sandbox' })),
      abandonedCapped: more.capped ?? false,
      returned: lastReturnedAt ? [{ clientId: 'portico-sandbox', at: lastReturnedAt }] : [],
    },
  });

describe('checkCallback', () => {
  it.each([
    ['nothing abandoned', healthyFacts(), 'pass', null, /Every authorization started in the last 7 days came back/],
    [
      'abandoned before the last success',
      consents([daysAgo(3)], daysAgo(1)),
      'pass',
      null,
      /1 earlier attempt was abandoned/,
    ],
    [
      'abandoned after the last success',
      consents([daysAgo(0.5)], daysAgo(1)),
      'warning',
      null,
      /1 authorization started at Atlassian never came back/,
    ],
    ['never completed', consents([daysAgo(1), daysAgo(2)], null), 'warning', null, /2 authorizations/],
    [
      'never completed with the organization’s own app',
      { ...consents([daysAgo(1)], null), app: { ...healthyFacts().app, source: 'organization' as const } },
      'warning',
      'fix_app_settings',
      /1 authorization/,
    ],
    ['pending connection, nothing started', pending(), 'pass', null, /came back/],
  ] as const)('%s', (_name, facts, outcome, action, summary) => {
    const result = checkCallback(facts);
    expect(result).toMatchObject({ id: 'callback', outcome, action });
    expect(result.summary).toMatch(summary);
  });

  it('names the exact callback URL and the three usual causes', () => {
    const { remedy, evidence } = checkCallback(consents([daysAgo(0.5)], null));
    expect(evidence[0]).toEqual({
      asked: 'Callback URL Portico sends to Atlassian',
      answered: 'http://portico.test/api/integrations/jira/callback',
    });
    expect(remedy).toMatch(/Callback URL must be exactly http:\/\/portico\.test\/api\/integrations\/jira\/callback/);
    expect(remedy).toMatch(/every scope Portico asks for/);
    expect(remedy).toMatch(/Distribution: sharing must be enabled/);
  });

  it('ignores consents started with another OAuth app; a state without an app counts as the platform’s', () => {
    const other = healthyFacts({
      consents: {
        abandoned: [{ startedAt: daysAgo(0.5), clientId: 'byo-app' }],
        returned: [{ clientId: 'byo-app', at: daysAgo(2) }],
      },
    });
    expect(checkCallback(other)).toMatchObject({ outcome: 'pass' });
    const legacy = healthyFacts({ consents: { abandoned: [{ startedAt: daysAgo(0.5), clientId: null }] } });
    expect(checkCallback(legacy)).toMatchObject({ outcome: 'warning' });
  });

  it('says “or more” when the count hit the read limit, and words the last return honestly', () => {
    const many = Array.from({ length: 50 }, (_, index) => daysAgo(0.1 + index / 100));
    const result = checkCallback(consents(many, daysAgo(1), { capped: true }));
    expect(result.summary).toMatch(/^50 or more authorizations started at Atlassian never came back/);
    expect(result.evidence[1]!.answered).toMatch(
      /^50 or more, the latest started .*; the last one that came back did so /,
    );
  });
});
