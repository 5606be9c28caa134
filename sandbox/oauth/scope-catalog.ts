// Scopes the sandbox knows, with the plain-words titles Atlassian's consent screen shows
// (wording follows developer.atlassian.com/cloud/jira/platform/scopes-for-oauth-2-3LO-and-forge-apps).
export const CLASSIC_SCOPES = ['read:jira-work', 'read:jira-user', 'manage:jira-configuration', 'manage:jira-webhook', 'read:me', 'offline_access'];

// Granular equivalents of the classic scopes above for the operations Portico calls.
export const GRANULAR_SCOPES = [
  'read:project:jira',
  'read:issue-type:jira',
  'read:status:jira',
  'read:issue-status:jira',
  'read:priority:jira',
  'read:workflow:jira',
  'read:permission:jira',
  'read:issue-details:jira',
  'read:field:jira',
  'read:jql:jira',
  'read:user:jira',
  'read:avatar:jira',
  'read:group:jira',
  'read:application-role:jira',
  'read:webhook:jira',
  'write:webhook:jira',
  'delete:webhook:jira',
];

export const DEFAULT_APP_SCOPES = [...CLASSIC_SCOPES, ...GRANULAR_SCOPES];

const TITLES: Record<string, string> = {
  'read:jira-work': 'View Jira issue data',
  'read:jira-user': 'View user profiles',
  'manage:jira-configuration': 'Manage Jira global settings',
  'manage:jira-webhook': 'Manage Jira webhooks',
  'write:jira-work': 'Create and manage issues',
  'manage:jira-project': 'Manage project settings',
  'read:me': 'View active user profile',
  'read:account': 'View user profiles',
  offline_access: 'Maintain access to data you have given it access to',
};

export function scopeTitle(scope: string): string {
  const known = TITLES[scope];
  if (known) return known;
  // Granular scopes read "<action>:<entity>:<product>", e.g. read:issue-type:jira → "View issue types".
  const [action, entity, product] = scope.split(':');
  if (!action || !entity || !product) return scope;
  const verb = { read: 'View', write: 'Create and update', delete: 'Delete', manage: 'Manage' }[action] ?? action;
  const noun = entity.replace(/[-.]/g, ' ');
  return `${verb} ${noun}${noun.endsWith('s') ? '' : 's'}`;
}

/** Site-level scopes listed in accessible-resources (identity scopes are account-level, not per site). */
export function isSiteScope(scope: string): boolean {
  return scope !== 'offline_access' && scope !== 'read:me' && scope !== 'read:account';
}
