import { describe, expect, it } from 'vitest';
import { healthyFacts } from './facts.testing';
import { evaluateChecks } from './index';

// A site removed from the grant (or Portico removed from the site): every Jira call ends in 401 even
// after the client's own refresh, and the site is missing from accessible-resources. Nothing about
// that is temporary, so no check may tell the admin to wait and run again.
const refused = { outcome: 'error', kind: 'token_unusable', status: 401 } as const;
const siteRemoved = healthyFacts({
  refresh: { outcome: 'ok', refreshed: true },
  sites: { outcome: 'ok', value: [{ id: 'other-site', name: 'other' }] },
  myself: refused,
  permissions: refused,
  projects: { search: refused, browse: {}, knownKeys: ['PLAT'] },
  runCalls: [
    { operation: 'getMyself', status: 401, errorKind: 'token_unusable' },
    { operation: 'getMyself', status: 401, errorKind: 'token_unusable' },
    { operation: 'searchProjects', status: 401, errorKind: 'token_unusable' },
    { operation: 'searchProjects', status: 401, errorKind: 'token_unusable' },
  ],
});

describe('a 401 that survives a successful refresh', () => {
  const checks = evaluateChecks(siteRemoved);
  const byId = Object.fromEntries(checks.map((check) => [check.id, check]));

  it('is never presented as temporary', () => {
    for (const check of checks) {
      expect(`${check.summary} ${check.remedy ?? ''}`, check.id).not.toMatch(
        /few minutes|again later|Nothing is broken/i,
      );
      expect(check.action, check.id).not.toBe('rerun');
    }
  });

  it('fails the checks that met it, and asks for a reconnect', () => {
    for (const id of ['site', 'authorizing_user', 'projects', 'upstream'] as const) {
      expect(byId[id]).toMatchObject({ outcome: 'failure', action: 'reconnect' });
    }
    expect(byId.upstream?.summary).toMatch(/will not pass on its own.*not an outage/);
  });

  it('stays a passing outage warning when the refresh itself failed (Atlassian unreachable)', () => {
    const outage = healthyFacts({
      refresh: { outcome: 'failed', reason: 'atlassian_unavailable' },
      myself: { outcome: 'error', kind: 'upstream' },
    });
    const check = evaluateChecks(outage).find((result) => result.id === 'authorizing_user');
    expect(check).toMatchObject({ outcome: 'warning', action: 'rerun' });
  });

  it('a 401 the client cured with its refresh is not a refusal', () => {
    const cured = healthyFacts({
      runCalls: [
        { operation: 'getMyself', status: 401, errorKind: 'token_unusable' },
        { operation: 'getMyself', status: 200 },
      ],
    });
    expect(evaluateChecks(cured).find((check) => check.id === 'upstream')?.outcome).toBe('pass');
  });
});
