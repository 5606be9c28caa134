import { describe, expect, it } from 'vitest';
import { checkCallback } from './callback';
import { daysAgo, healthyFacts, pending } from './facts.testing';

const consents = (abandoned: Date[], lastCompletedAt: Date | null) =>
  healthyFacts({
    consents: {
      abandoned: abandoned.map((startedAt) => ({ startedAt, clientId: 'portico-sandbox' })),
      lastCompletedAt,
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
      'fix_app_settings',
      /1 authorization started at Atlassian never came back/,
    ],
    ['never completed', consents([daysAgo(1), daysAgo(2)], null), 'warning', 'fix_app_settings', /2 authorizations/],
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
});
