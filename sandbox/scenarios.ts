// Named scenarios: each is a world plus a handful of behaviour switches. Chosen at start or via /__sandbox/scenario.
import { buildBigSite } from './world/big-site';
import { buildLabsSite, buildMainSite } from './world/default-sites';
import { createPrng, hashSeed } from './world/prng';
import type { World } from './world/types';
import { PEOPLE, SANDBOX_USER } from './world/users';

export const SCENARIO_NAMES = [
  'default',
  'single-site',
  'missing-scopes',
  'restricted-projects',
  'expired-grant',
  'revoked',
  'rate-limited',
  'flaky',
  'big-site',
  'far-time-zone',
] as const;
export type ScenarioName = (typeof SCENARIO_NAMES)[number];

export interface RateLimit {
  limit: number;
  windowSecs: number;
}

export interface ScenarioDef {
  name: ScenarioName;
  description: string;
  buildWorld(): World;
  /** Scopes missing from the default app's developer-console configuration in this scenario. */
  removedAppScopes: string[];
  /** Every refresh_token grant fails with invalid_grant (refresh token expired on Atlassian's side). */
  refreshFails: boolean;
  /** The user revoked the app: access tokens get 401 and refreshes get invalid_grant. */
  revoked: boolean;
  rateLimit: RateLimit | null;
  flaky: boolean;
}

const seeded = (name: string) => createPrng(hashSeed(name));
/** A world around the sandbox user; the user is a copy so `POST /__sandbox/user` never edits the constant. */
const world = (sites: World['sites'], timeZone = SANDBOX_USER.timeZone): World => {
  const user = { ...SANDBOX_USER, timeZone };
  return { user, people: PEOPLE.map((p) => (p.accountId === user.accountId ? user : p)), sites };
};
const standardWorld = (): World => world([buildMainSite(seeded('main'), false), buildLabsSite(seeded('labs'))]);

const base: Omit<ScenarioDef, 'name' | 'description'> = {
  buildWorld: standardWorld,
  removedAppScopes: [],
  refreshFails: false,
  revoked: false,
  rateLimit: null,
  flaky: false,
};

export const MISSING_SCOPES = ['manage:jira-configuration', 'read:jira-user', 'read:workflow:jira', 'read:user:jira', 'read:group:jira', 'read:application-role:jira'];

export const SCENARIOS: Record<ScenarioName, ScenarioDef> = {
  default: { ...base, name: 'default', description: 'Two sites, mixed projects, a few hundred issues.' },
  'single-site': {
    ...base,
    name: 'single-site',
    description: 'The user has one Jira site.',
    buildWorld: () => world([buildMainSite(seeded('main'), false)]),
  },
  'missing-scopes': {
    ...base,
    name: 'missing-scopes',
    description: "The app's console configuration lacks manage:jira-configuration and read:jira-user (and their granular equivalents).",
    removedAppScopes: MISSING_SCOPES,
  },
  'restricted-projects': {
    ...base,
    name: 'restricted-projects',
    description: 'The user has lost Browse Projects on HELP and MKT.',
    buildWorld: () => world([buildMainSite(seeded('main'), true), buildLabsSite(seeded('labs'))]),
  },
  'expired-grant': { ...base, name: 'expired-grant', description: 'Every refresh fails with invalid_grant.', refreshFails: true },
  revoked: { ...base, name: 'revoked', description: 'The user revoked the app: tokens are refused.', revoked: true },
  'rate-limited': { ...base, name: 'rate-limited', description: 'api.atlassian.com allows 5 requests per 10 s, then 429.', rateLimit: { limit: 5, windowSecs: 10 } },
  flaky: { ...base, name: 'flaky', description: 'About a quarter of calls fail with 5xx, some are slow.', flaky: true },
  'big-site': {
    ...base,
    name: 'big-site',
    description: 'One very large site (1,050 projects, 300 statuses, 40 issue types, 25 priorities, 106,050 issues) plus the labs site.',
    buildWorld: () => world([buildBigSite(seeded('big')), buildLabsSite(seeded('labs'))]),
  },
  'far-time-zone': {
    ...base,
    name: 'far-time-zone',
    description: 'The default world, but the user lives in Pacific/Kiritimati (UTC+14): JQL dates are read 13 hours ahead of Berlin.',
    buildWorld: () => world([buildMainSite(seeded('main'), false), buildLabsSite(seeded('labs'))], 'Pacific/Kiritimati'),
  },
};

export function isScenarioName(name: string): name is ScenarioName {
  return (SCENARIO_NAMES as readonly string[]).includes(name);
}
