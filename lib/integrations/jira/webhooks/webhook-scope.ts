/**
 * Whether granted scopes allow registering and refreshing webhooks: the classic manage:jira-webhook (with
 * read:jira-work), or the granular scopes of POST webhook, PUT webhook/refresh and DELETE webhook together
 * (x-atlassian-oauth2-scopes in the Jira OpenAPI document).
 */
export const WEBHOOK_GRANULAR_SCOPES = ['read:field:jira', 'read:project:jira', 'read:webhook:jira', 'write:webhook:jira', 'delete:webhook:jira'] as const;

export function canManageWebhooks(granted: readonly string[]): boolean {
  const held = new Set(granted);
  return (held.has('manage:jira-webhook') && held.has('read:jira-work')) || WEBHOOK_GRANULAR_SCOPES.every((s) => held.has(s));
}
