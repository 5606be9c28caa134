// A healthy connection's facts, for the rules' table tests to break one thing at a time.
import type { DiagnosticFacts } from '../facts';
import { EMPTY_USAGE } from '../facts';

export const NOW = new Date('2026-11-23T12:00:00Z');
export const CLOUD_ID = '3f1d6c4e-2a7b-4c1e-9d8f-0a1b2c3d4e5f';
export const ALL_SCOPES = [
  'read:jira-work',
  'read:jira-user',
  'manage:jira-configuration',
  'manage:jira-webhook',
  'offline_access',
  'read:me',
];
export const daysAgo = (days: number) => new Date(NOW.getTime() - days * 86_400_000);

type Override<T> =
  NonNullable<T> extends Date | readonly unknown[]
    ? T
    : NonNullable<T> extends object
      ? Partial<NonNullable<T>> | (null extends T ? null : never)
      : T;
export type Overrides = { [K in keyof DiagnosticFacts]?: Override<DiagnosticFacts[K]> };

export function healthyFacts(overrides: Overrides = {}): DiagnosticFacts {
  const base: DiagnosticFacts = {
    now: NOW,
    connection: {
      status: 'connected',
      statusReason: null,
      cloudId: CLOUD_ID,
      siteName: 'acme-sandbox',
      projectFilter: ['PLAT', 'MOB'],
    },
    app: {
      state: 'configured',
      source: 'platform',
      clientId: 'portico-sandbox',
      credentials: { result: 'accepted', evidence: 'HTTP 403 (invalid_grant).' },
    },
    grant: {
      status: 'active',
      accountName: 'Mia Krystof',
      hasRefreshToken: true,
      lastRefreshedAt: daysAgo(1),
      lastRefreshFailedAt: null,
      lastRefreshError: null,
      createdAt: daysAgo(30),
      cloudIds: [],
    },
    grantedScopes: ALL_SCOPES,
    refresh: { outcome: 'ok', refreshed: true },
    tokenAvailable: true,
    sites: { outcome: 'ok', value: [{ id: CLOUD_ID, name: 'acme-sandbox' }] },
    myself: { outcome: 'ok', value: { displayName: 'Mia Krystof', active: true, accountType: 'atlassian' } },
    permissions: { outcome: 'ok', value: { administer: false, browseAny: true } },
    projects: {
      search: { outcome: 'ok', value: { foundKeys: ['PLAT', 'MOB'], checkedKeys: ['PLAT', 'MOB'], siteTotal: null } },
      browse: { PLAT: { outcome: 'ok', value: true }, MOB: { outcome: 'ok', value: true } },
      knownKeys: ['PLAT', 'MOB', 'HELP'],
    },
    statusRead: { statusPath: 'project_statuses', statusSearchRefused: true, siteStatusesListed: false, fetchedAt: daysAgo(1) },
    usage: { ...EMPTY_USAGE, calls: 120 },
    runCalls: [
      { operation: 'getMyself', status: 200 },
      { operation: 'searchProjects', status: 200 },
    ],
    webhooks: {
      status: 'registered',
      reason: null,
      expiresAt: new Date(NOW.getTime() + 20 * 86_400_000),
      lastDeliveryAt: daysAgo(0.1),
      deliveriesLast24h: 12,
      baseUrl: 'https://portico.example.com',
      unreachable: null,
    },
    consents: {
      callbackUrl: 'http://portico.test/api/integrations/jira/callback',
      abandoned: [],
      abandonedCapped: false,
      returned: [{ clientId: 'portico-sandbox', at: daysAgo(1) }],
    },
  };
  const merged = { ...base } as Record<string, unknown>;
  for (const [key, value] of Object.entries(overrides)) {
    const current = (base as unknown as Record<string, unknown>)[key];
    merged[key] =
      value !== null &&
      typeof value === 'object' &&
      !Array.isArray(value) &&
      !(value instanceof Date) &&
      current &&
      typeof current === 'object' &&
      !Array.isArray(current)
        ? { ...current, ...value }
        : value;
  }
  return merged as unknown as DiagnosticFacts;
}

export const pending = () =>
  healthyFacts({
    connection: { status: 'pending_authorization', cloudId: null, siteName: null, projectFilter: [] },
    grant: null,
    grantedScopes: [],
    refresh: { outcome: 'skipped' },
    tokenAvailable: false,
    sites: { outcome: 'skipped' },
    myself: { outcome: 'skipped' },
    permissions: { outcome: 'skipped' },
    runCalls: [],
  });
