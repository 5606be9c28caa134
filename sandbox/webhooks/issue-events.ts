// Turns a change made through the control API into webhook deliveries, as Jira does for dynamic webhooks: every
// live (unexpired by the sandbox clock) webhook on the site whose events include the event and whose JQL matches
// the issue (after the change; before it, for a deletion) is matched, only for issues the registering user may
// browse. One delivery per app (its single URL) carries the ids of all its matched webhooks in `matchedWebhookIds`.
import { compileJql, type CompiledJql } from '../jql/evaluate';
import { JqlError } from '../jql/parse';
import { canBrowseIssues } from '../routes/jira/context';
import { ISSUE_FIELDS, issueJson, issueUserJson, personFor } from '../routes/jira/issue-json';
import type { StoredWebhook } from '../routes/jira/webhook-store';
import type { SandboxState } from '../state';
import type { IssueDef, SiteWorld } from '../world/types';

export type IssueEvent =
  | { kind: 'created'; issue: IssueDef }
  | { kind: 'updated'; before: IssueDef; issue: IssueDef; moved?: boolean }
  | { kind: 'deleted'; issue: IssueDef };

const compiled = new WeakMap<StoredWebhook, CompiledJql | null>();

function filterOf(state: SandboxState, site: SiteWorld, hook: StoredWebhook): CompiledJql | null {
  if (!compiled.has(hook)) {
    const user = personFor(state.world, hook.accountId) ?? state.world.user;
    try {
      compiled.set(hook, compileJql(site, { accountId: hook.accountId, timeZone: user.timeZone, now: state.now() }, hook.jqlFilter));
    } catch (e) {
      // A filter naming a project that later vanished matches nothing rather than failing every change.
      if (!(e instanceof JqlError)) throw e;
      compiled.set(hook, null);
    }
  }
  return compiled.get(hook) ?? null;
}

const EVENT_NAMES = { created: 'jira:issue_created', updated: 'jira:issue_updated', deleted: 'jira:issue_deleted' } as const;

export function fireIssueEvent(state: SandboxState, site: SiteWorld, event: IssueEvent): void {
  const webhookEvent = EVENT_NAMES[event.kind];
  const issue = event.issue;
  if (!canBrowseIssues(site, issue.projectId)) return;
  const byApp = new Map<string, StoredWebhook[]>();
  for (const hook of state.webhooks.hooks) {
    if (hook.cloudId !== site.cloudId || hook.expiresAt <= state.now() || !hook.events.includes(webhookEvent)) continue;
    if (!filterOf(state, site, hook)?.matches(issue)) continue;
    byApp.set(hook.clientId, [...(byApp.get(hook.clientId) ?? []), hook]);
  }
  if (byApp.size === 0) return;
  const api = `${site.url}/rest/api/3`;
  const issueBody = issueJson({ state, site, api }, issue, [...ISSUE_FIELDS]);
  const { expand: _expand, ...issuePayload } = issueBody as { expand?: string };
  for (const [clientId, hooks] of byApp) {
    const body: Record<string, unknown> = {
      timestamp: state.now(),
      webhookEvent,
      issue_event_type_name: eventTypeName(event),
      user: issueUserJson(api, state.world.user),
      issue: issuePayload,
      ...(event.kind === 'updated' ? { changelog: { id: String(state.webhooks.nextChangelogId++), items: changelogItems(site, state, event.before, event.issue) } } : {}),
      matchedWebhookIds: hooks.map((h) => h.id).sort((a, b) => a - b),
    };
    state.webhookDispatcher.enqueue({ clientId, url: hooks[0]!.url, webhookEvent, issueKey: issue.key, matchedWebhookIds: body.matchedWebhookIds as number[], body });
  }
}

function eventTypeName(event: IssueEvent): string {
  if (event.kind === 'created') return 'issue_created';
  if (event.kind === 'deleted') return 'issue_deleted';
  if (event.moved) return 'issue_moved';
  return event.before.statusId !== event.issue.statusId ? 'issue_generic' : event.before.assigneeId !== event.issue.assigneeId ? 'issue_assigned' : 'issue_updated';
}

type Item = { field: string; fieldtype: string; fieldId: string; from: string | null; fromString: string | null; to: string | null; toString: string | null };

function changelogItems(site: SiteWorld, state: SandboxState, a: IssueDef, b: IssueDef): Item[] {
  const items: Item[] = [];
  const add = (field: string, fieldId: string, from: string | null, fromString: string | null, to: string | null, toString: string | null) => items.push({ field, fieldtype: 'jira', fieldId, from, fromString, to, toString });
  const name = (id: string | null) => (id ? (personFor(state.world, id)?.displayName ?? null) : null);
  if (a.projectId !== b.projectId) add('project', 'project', a.projectId, site.index.projectById.get(a.projectId)?.name ?? null, b.projectId, site.index.projectById.get(b.projectId)?.name ?? null);
  if (a.key !== b.key) add('Key', 'issuekey', null, a.key, null, b.key);
  if (a.summary !== b.summary) add('summary', 'summary', null, a.summary, null, b.summary);
  if (a.statusId !== b.statusId) add('status', 'status', a.statusId, site.index.statusById.get(a.statusId)?.name ?? null, b.statusId, site.index.statusById.get(b.statusId)?.name ?? null);
  if (a.priorityId !== b.priorityId) add('priority', 'priority', a.priorityId, site.index.priorityById.get(a.priorityId)?.name ?? null, b.priorityId, site.index.priorityById.get(b.priorityId)?.name ?? null);
  if (a.assigneeId !== b.assigneeId) add('assignee', 'assignee', a.assigneeId, name(a.assigneeId), b.assigneeId, name(b.assigneeId));
  if (a.reporterId !== b.reporterId) add('reporter', 'reporter', a.reporterId, name(a.reporterId), b.reporterId, name(b.reporterId));
  if (a.labels.join(' ') !== b.labels.join(' ')) add('labels', 'labels', null, a.labels.join(' '), null, b.labels.join(' '));
  if (a.duedate !== b.duedate) add('duedate', 'duedate', a.duedate, a.duedate, b.duedate, b.duedate);
  if ((a.resolved === null) !== (b.resolved === null)) add('resolution', 'resolution', a.resolved === null ? null : '10000', a.resolved === null ? null : 'Done', b.resolved === null ? null : '10000', b.resolved === null ? null : 'Done');
  if (a.parentId !== b.parentId) add('IssueParentAssociation', 'parent', a.parentId, a.parentId ? (site.issues.getById(a.parentId)?.key ?? null) : null, b.parentId, b.parentId ? (site.issues.getById(b.parentId)?.key ?? null) : null);
  return items;
}
