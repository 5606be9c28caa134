import { describe, expect, it } from 'vitest';
import { worstOutcome } from '../types';
import { healthyFacts, pending } from './facts.testing';
import { evaluateChecks } from '.';

describe('evaluateChecks', () => {
  it('a healthy connection passes all ten checks, in the order the admin reads them', () => {
    const checks = evaluateChecks(healthyFacts());
    expect(checks.map((check) => [check.id, check.outcome])).toEqual([
      ['app_credentials', 'pass'],
      ['grant', 'pass'],
      ['site', 'pass'],
      ['scopes', 'pass'],
      ['authorizing_user', 'pass'],
      ['projects', 'pass'],
      ['rate_limits', 'pass'],
      ['upstream', 'pass'],
      ['callback', 'pass'],
      ['webhooks', 'pass'],
    ]);
    expect(worstOutcome(checks)).toBe('pass');
  });

  it('a pending connection skips what needs a site, and still checks the app and the callback', () => {
    const checks = evaluateChecks(pending());
    expect(checks.filter((check) => check.outcome !== 'skipped').map((check) => check.id)).toEqual([
      'app_credentials',
      'upstream',
      'callback',
    ]);
    expect(checks.find((check) => check.id === 'grant')?.summary).toMatch(/not authorized yet/);
  });

  it('no check ever echoes a token-looking value', () => {
    const text = JSON.stringify(evaluateChecks(healthyFacts({ grantedScopes: [] })));
    expect(text).not.toMatch(/eyJ|Bearer|secret=/);
  });

  it.each([
    [[], 'pass'],
    [['pass', 'skipped'], 'pass'],
    [['pass', 'warning', 'skipped'], 'warning'],
    [['warning', 'failure'], 'failure'],
    [['skipped'], 'pass'],
  ] as const)('worst of %j is %s', (outcomes, worst) => {
    expect(worstOutcome(outcomes.map((outcome) => ({ outcome })))).toBe(worst);
  });
});
