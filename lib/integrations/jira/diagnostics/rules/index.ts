// Every rule, in the order the admin reads them: app, grant, site, scopes, user, projects,
// throttling, outage, consent, webhooks.
import type { DiagnosticFacts } from '../facts';
import type { CheckResult } from '../types';
import { checkAppCredentials } from './app-credentials';
import { checkAuthorizingUser } from './authorizing-user';
import { checkCallback } from './callback';
import { checkGrant } from './grant';
import { checkProjects } from './projects';
import { checkRateLimits } from './rate-limits';
import { checkScopes } from './scopes';
import { checkSite } from './site';
import { checkUpstream } from './upstream';
import { checkWebhooks } from './webhooks';

export const RULES: readonly ((facts: DiagnosticFacts) => CheckResult)[] = [
  checkAppCredentials,
  checkGrant,
  checkSite,
  checkScopes,
  checkAuthorizingUser,
  checkProjects,
  checkRateLimits,
  checkUpstream,
  checkCallback,
  checkWebhooks,
];

export const evaluateChecks = (facts: DiagnosticFacts): CheckResult[] => RULES.map((rule) => rule(facts));
