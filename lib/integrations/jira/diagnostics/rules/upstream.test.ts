import { describe, expect, it } from 'vitest';
import { healthyFacts, pending } from './facts.testing';
import { checkUpstream } from './upstream';

describe('checkUpstream', () => {
  it.each([
    ['all normal', healthyFacts(), 'pass', null, /answered every call of this run normally/],
    [
      'retried failures earlier today',
      healthyFacts({ usage: { upstreamFailures: 4 } }),
      'pass',
      null,
      /4 calls failed upstream in the last 24 hours/,
    ],
    [
      'tokens no key opens: not Atlassian’s doing, so not judged',
      healthyFacts({ refresh: { outcome: 'failed', reason: 'token_unreadable' }, tokenAvailable: false }),
      'skipped',
      null,
      /could not read its stored credentials/,
    ],
    [
      'invalid_grant: someone must reconnect',
      healthyFacts({ refresh: { outcome: 'failed', reason: 'needs_reconnect' } }),
      'failure',
      'reconnect',
      /not an outage, someone must reconnect/,
    ],
    [
      'wrong secret of the platform app: the operator’s to fix, never consent',
      healthyFacts({ app: { credentials: { result: 'rejected', evidence: '' } } }),
      'failure',
      null,
      /own OAuth app is misconfigured.*Reconnecting would not help/,
    ],
    [
      'refresh says the own app’s secret is wrong',
      healthyFacts({
        app: { source: 'organization', clientId: 'byo' },
        refresh: { outcome: 'failed', reason: 'app_credentials_rejected' },
      }),
      'failure',
      'fix_app_settings',
      /misconfigured/,
    ],
    [
      '5xx during the run: outage, nothing to do',
      healthyFacts({ runCalls: [{ operation: 'getMyself', status: 503, errorKind: 'upstream' }] }),
      'warning',
      'rerun',
      /Atlassian or the network is failing.*not marked broken/,
    ],
    [
      'timeout during the run',
      healthyFacts({ runCalls: [{ operation: 'searchProjects', status: 0, errorKind: 'upstream' }] }),
      'warning',
      'rerun',
      /failing/,
    ],
    [
      'token endpoint down',
      healthyFacts({ refresh: { outcome: 'failed', reason: 'atlassian_unavailable' } }),
      'warning',
      'rerun',
      /failing/,
    ],
    [
      'throttled',
      healthyFacts({ runCalls: [{ operation: 'getMyself', status: 429, errorKind: 'rate_limited' }] }),
      'warning',
      'rerun',
      /throttled/,
    ],
    [
      'throttled refresh',
      healthyFacts({ refresh: { outcome: 'failed', reason: 'rate_limited' } }),
      'warning',
      'rerun',
      /throttled/,
    ],
    ['pending with a good app', pending(), 'pass', null, /normally/],
  ] as const)('%s', (_name, facts, outcome, action, summary) => {
    const result = checkUpstream(facts);
    expect(result).toMatchObject({ id: 'upstream', outcome, action });
    expect(result.summary).toMatch(summary);
  });

  it('a refused grant wins over an outage, a wrong secret wins over both', () => {
    const outage = [{ operation: 'getMyself', status: 503, errorKind: 'upstream' }];
    expect(checkUpstream(healthyFacts({ grant: { status: 'needs_reconnect' }, runCalls: outage })).action).toBe(
      'reconnect',
    );
    expect(
      checkUpstream(
        healthyFacts({
          grant: { status: 'needs_reconnect' },
          app: { source: 'organization', credentials: { result: 'rejected', evidence: '' } },
        }),
      ).action,
    ).toBe('fix_app_settings');
  });
});
