import { describe, expect, it } from 'vitest';
import { ALL_SCOPES, healthyFacts, NOW, pending } from './facts.testing';
import { checkScopes } from './scopes';

const without = (...scopes: string[]) => ALL_SCOPES.filter((scope) => !scopes.includes(scope));
const GRANULAR_WORK = [
  'read:project:jira',
  'read:issue-type:jira',
  'read:issue-status:jira',
  'read:status:jira',
  'read:priority:jira',
  'read:permission:jira',
  'read:issue-details:jira',
  'read:field:jira',
  'read:field.default-value:jira',
  'read:field.option:jira',
  'read:project.property:jira',
  'read:issue-type-hierarchy:jira',
  'read:project-category:jira',
  'read:project-version:jira',
  'read:project.component:jira',
];

describe('checkScopes', () => {
  it.each([
    ['every classic scope', healthyFacts(), 'pass', null, /every scope Portico needs/],
    [
      'granular equivalents count',
      healthyFacts({
        grantedScopes: [
          ...GRANULAR_WORK,
          'read:user:jira',
          'read:group:jira',
          'read:application-role:jira',
          'read:avatar:jira',
          'read:workflow:jira',
          'read:webhook:jira',
          'write:webhook:jira',
          'delete:webhook:jira',
          'offline_access',
        ],
      }),
      'pass',
      null,
      /every scope/,
    ],
    [
      'missing-scopes scenario',
      healthyFacts({ grantedScopes: without('read:jira-user', 'manage:jira-configuration') }),
      'failure',
      'reconnect',
      /did not give Portico 1 required and 1 optional permissions \(scopes\) it asks for: read:jira-user, manage:jira-configuration\./,
    ],
    [
      'only an optional one missing',
      healthyFacts({ grantedScopes: without('manage:jira-configuration') }),
      'warning',
      'reconnect',
      /1 optional permission \(scopes\) it asks for: manage:jira-configuration/,
    ],
    [
      'no offline_access',
      healthyFacts({ grantedScopes: without('offline_access') }),
      'failure',
      'reconnect',
      /offline_access/,
    ],
    [
      'half of a granular set is not enough',
      healthyFacts({ grantedScopes: [...without('read:jira-work'), 'read:project:jira'] }),
      'failure',
      'reconnect',
      /read:jira-work/,
    ],
    ['nothing granted', healthyFacts({ grantedScopes: [] }), 'failure', 'reconnect', /3 required and 2 optional/],
    [
      'a scope 401 despite full scopes',
      healthyFacts({ runCalls: [{ operation: 'getMyself', status: 401, errorKind: 'forbidden_scope' }] }),
      'warning',
      'reconnect',
      /yet Jira refused a call/,
    ],
    ['pending', pending(), 'skipped', null, /not authorized yet/],
  ] as const)('%s', (_name, facts, outcome, action, summary) => {
    const result = checkScopes(facts);
    expect(result).toMatchObject({ id: 'scopes', outcome, action });
    expect(result.summary).toMatch(summary);
  });

  const ownApp = (facts: ReturnType<typeof healthyFacts>) => ({ ...facts, app: { ...facts.app, source: 'organization' as const } });

  it('own app: the remedy lists what each missing scope blocks, and sends the org’s admins to the developer console with a link', () => {
    const { remedy, summary } = checkScopes(
      ownApp(healthyFacts({ grantedScopes: without('read:jira-user', 'manage:jira-configuration') })),
    );
    expect(summary).toMatch(/your app’s settings in the Atlassian developer console/);
    expect(remedy).toMatch(/• read:jira-user \(required\): knowing which Atlassian user authorized the connection/);
    expect(remedy).toMatch(/an admin of your organization does this/);
    expect(remedy).toContain('https://developer.atlassian.com/console/myapps/');
    expect(remedy).toMatch(
      /Classic scopes tab add read:jira-user, manage:jira-configuration\. .*Granular scopes tab: read:user:jira, read:group:jira, read:application-role:jira, read:avatar:jira, read:workflow:jira\./,
    );
    expect(remedy).toMatch(/• manage:jira-configuration \(optional\): loading every status in one call/);
    expect(remedy).toMatch(/3\. Press Reconnect .*only with a new consent, which replaces the old one/);
  });

  // Seen: an organization on Portico's shared app was told to open "the app Portico uses" in a console it cannot reach.
  it('Portico’s shared app: the remedy asks the Portico operator, never sends the organization to the developer console', () => {
    const { remedy, summary } = checkScopes(healthyFacts({ grantedScopes: without('read:jira-user', 'manage:jira-configuration') }));
    expect(summary).toMatch(/Portico’s shared app, which the Portico operator manages/);
    expect(remedy).toMatch(/nobody in your organization can change/);
    expect(remedy).toMatch(/1\. Ask the Portico operator to add read:jira-user, manage:jira-configuration to Portico’s app \(or the granular read:user:jira/);
    expect(remedy).toMatch(/2\. Press Reconnect once the operator confirms .*only with a new consent/);
    expect(remedy).not.toMatch(/developer console|developer\.atlassian\.com|the app Portico uses/);
    expect(remedy).toMatch(/• read:jira-user \(required\)/);
  });

  it('keeps a 401 “scope does not match” as evidence, from this run and from the last 24 hours', () => {
    const { evidence } = checkScopes(
      healthyFacts({
        grantedScopes: without('read:jira-user'),
        runCalls: [{ operation: 'getMyself', status: 401, errorKind: 'forbidden_scope' }],
        usage: {
          scopeMismatches: 3,
          lastScopeMismatchAt: new Date(NOW.getTime() - 3_600_000),
          lastScopeMismatchOperation: 'searchStatuses',
        },
      }),
    );
    expect(evidence.map((entry) => entry.answered)).toEqual([
      expect.not.stringContaining('read:jira-user'),
      'HTTP 401 “Unauthorized; scope does not match”',
      expect.stringMatching(/^3 answered HTTP 401 .*\(GET \/rest\/api\/3\/statuses\/search\)$/),
    ]);
  });

  it('passes once the scopes are back, keeping the earlier refusals as evidence', () => {
    const result = checkScopes(
      healthyFacts({
        usage: {
          scopeMismatches: 2,
          lastScopeMismatchAt: new Date(NOW.getTime() - 60_000),
          lastScopeMismatchOperation: 'getMyself',
        },
      }),
    );
    expect(result.outcome).toBe('pass');
    expect(result.evidence).toHaveLength(2);
  });

  it('ignores a scope mismatch older than a day', () => {
    const result = checkScopes(
      healthyFacts({ usage: { scopeMismatches: 1, lastScopeMismatchAt: new Date(NOW.getTime() - 2 * 86_400_000) } }),
    );
    expect(result.outcome).toBe('pass');
  });
});
