// Which Atlassian scopes Portico needs, in both of Atlassian's vocabularies, and what each one
// unlocks. Pure: used by the scope diagnostics, the setup checklist and the connection page.
// The operation → scope alternatives come from the Jira OpenAPI document's
// x-atlassian-oauth2-scopes (see sandbox/oauth/operation-scopes.json): a token may call an
// operation if it holds the classic scope, or every granular scope of the other alternative.

export interface ScopeRequirement {
  /** The classic scope, as the developer console's "Classic scopes" tab names it. */
  classic: string;
  /** The granular scopes that replace it for the operations Portico calls ("Granular scopes" tab). */
  granular: readonly string[];
  /** Required: Portico cannot work without it. Optional: a feature is slower or missing. */
  required: boolean;
  /** What the admin loses without it, in their words. */
  features: readonly string[];
}

export const SCOPE_REQUIREMENTS: readonly ScopeRequirement[] = [
  {
    classic: 'read:jira-work',
    granular: [
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
    ],
    required: true,
    features: ['the project list and project filter', 'statuses and priorities for the mappings', 'the mapping preview', 'the project access check'],
  },
  {
    classic: 'read:jira-user',
    granular: ['read:user:jira', 'read:group:jira', 'read:application-role:jira', 'read:avatar:jira'],
    required: true,
    features: ['knowing which Atlassian user authorized the connection', 'the authorizing-user check'],
  },
  {
    classic: 'offline_access',
    granular: ['offline_access'],
    required: true,
    features: ['staying connected for more than an hour (without it Atlassian issues no refresh token)'],
  },
  {
    classic: 'manage:jira-configuration',
    granular: ['read:workflow:jira'],
    required: false,
    features: ['loading every status in one call (otherwise one call per project, much slower on large sites)'],
  },
  {
    classic: 'manage:jira-webhook',
    granular: ['read:webhook:jira', 'write:webhook:jira', 'delete:webhook:jira'],
    required: false,
    features: ['changes from Jira within seconds through webhooks (otherwise Portico polls every refresh interval, and sees deletions only when it reconciles)'],
  },
];

export type ScopeCoverage = { requirement: ScopeRequirement; satisfiedBy: 'classic' | 'granular' | null };

/** How a set of granted scopes covers each requirement. */
export function evaluateScopes(granted: readonly string[]): ScopeCoverage[] {
  const held = new Set(granted);
  return SCOPE_REQUIREMENTS.map((requirement) => ({
    requirement,
    satisfiedBy: held.has(requirement.classic)
      ? 'classic'
      : requirement.granular.every((scope) => held.has(scope))
        ? 'granular'
        : null,
  }));
}
