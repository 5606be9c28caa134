import { projectClause } from '../preview/jql';

/** The events Portico subscribes to: enough to keep tickets current and to see deletions. */
export const WEBHOOK_EVENTS = ['jira:issue_created', 'jira:issue_updated', 'jira:issue_deleted'] as const;

/**
 * The webhook's JQL filter for a connection's project filter. Webhook filters accept only a subset of JQL
 * (fields issueKey, project, issuetype, status, assignee, reporter; operators =, !=, IN, NOT IN — OpenAPI
 * WebhookDetails.jqlFilter), so the search API's `project is not EMPTY` is refused ("Operator is not is
 * unsupported") and an empty filter too ("Empty JQL search not supported"). Without a project filter,
 * `project != null` matches every issue and was accepted by live Jira (docs/decisions/015-jira-webhooks.md).
 */
export function webhookJqlFor(projectKeys: readonly string[]): string {
  return projectClause([...projectKeys].sort()) ?? 'project != null';
}

/** Whether a stored registration is the one the connection wants now (same filter, same events). */
export function registrationMatches(row: { jqlFilter: string; events: readonly string[] }, jql: string): boolean {
  return row.jqlFilter === jql && row.events.length === WEBHOOK_EVENTS.length && WEBHOOK_EVENTS.every((e) => row.events.includes(e));
}
