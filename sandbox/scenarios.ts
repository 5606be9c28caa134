// Named scenarios: each is a world plus a handful of behaviour switches. Chosen at start or via /__sandbox/scenario.
import { buildBigSite } from './world/big-site';
import { buildLabsSite, buildMainSite } from './world/default-sites';
import { createPrng, hashSeed } from './world/prng';
import type { World } from './world/types';
import { SANDBOX_USER } from './world/users';

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
const standardWorld = (): World => ({ user: SANDBOX_USER, sites: [buildMainSite(seeded('main'), false), buildLabsSite(seeded('labs'))] });

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
    buildWorld: () => ({ user: SANDBOX_USER, sites: [buildMainSite(seeded('main'), false)] }),
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
    buildWorld: () => ({ user: SANDBOX_USER, sites: [buildMainSite(seeded('main'), true), buildLabsSite(seeded('labs'))] }),
  },
  'expired-grant': { ...base, name: 'expired-grant', description: 'Every refresh fails with invalid_grant.', refreshFails: true },
  revoked: { ...base, name: 'revoked', description: 'The user revoked the app: tokens are refused.', revoked: true },
  'rate-limited': { ...base, name: 'rate-limited', description: 'api.atlassian.com allows 5 requests per 10 s, then 429.', rateLimit: { limit: 5, windowSecs: 10 } },
  flaky: { ...base, name: 'flaky', description: 'About a quarter of calls fail with 5xx, some are slow.', flaky: true },
  'big-site': {
    ...base,
    name: 'big-site',
    description: 'One very large site (1,050 projects, 300 statuses, 40 issue types, 25 priorities) plus the labs site.',
    buildWorld: () => ({ user: SANDBOX_USER, sites: [buildBigSite(seeded('big')), buildLabsSite(seeded('labs'))] }),
  },
};

export function isScenarioName(name: string): name is ScenarioName {
  return (SCENARIO_NAMES as readonly string[]).includes(name);
}
