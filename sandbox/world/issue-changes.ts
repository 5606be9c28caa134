// Changes to a site's issues, as an admin or automation would make them in Jira. Every change stamps `updated`
// from the sandbox clock. Statuses must belong to the project's workflow for the issue type (Jira moves an
// issue only through its workflow); reaching a done-category status sets the resolution, leaving it clears it.
import { createPrng, hashSeed } from './prng';
import type { IssueDef, ProjectDef, SiteWorld, World } from './types';

export class IssueChangeError extends Error {
  constructor(
    readonly status: 400 | 404,
    message: string,
  ) {
    super(message);
  }
}

export interface IssuePatch {
  summary?: string;
  /** Status id or name. */
  status?: string;
  /** Priority id or name. */
  priority?: string;
  /** Account id, or null to unassign. */
  assignee?: string | null;
  reporter?: string;
  labels?: string[];
  duedate?: string | null;
  /** Issue id or key of the parent, or null. */
  parent?: string | null;
}

export interface IssueInput extends IssuePatch {
  projectKey: string;
  /** Issue type id or name; defaults to the first type of the project's workflow. */
  issueType?: string;
}

const lower = (s: string) => s.toLowerCase();

function projectOf(site: SiteWorld, key: string): ProjectDef {
  const project = site.index.projectByKey.get(key.toUpperCase()) ?? site.index.projectById.get(key);
  if (!project) throw new IssueChangeError(404, `No project with key '${key}' on ${site.name}.`);
  return project;
}

function workflowStatuses(project: ProjectDef, issueTypeId: string): string[] {
  return project.workflow.find((w) => w.issueTypeId === issueTypeId)?.statusIds ?? [];
}

function resolveStatus(site: SiteWorld, project: ProjectDef, issueTypeId: string, value: string): string {
  const allowed = workflowStatuses(project, issueTypeId);
  const match = allowed.find((id) => id === value || lower(site.index.statusById.get(id)?.name ?? '') === lower(value));
  if (!match) {
    const names = allowed.map((id) => site.index.statusById.get(id)?.name ?? id).join(', ');
    throw new IssueChangeError(400, `Status '${value}' is not in the ${project.key} workflow for this issue type. Use one of: ${names}.`);
  }
  return match;
}

function resolveUser(world: World, accountId: string): string {
  if (!world.people.some((p) => p.accountId === accountId)) throw new IssueChangeError(400, `Unknown account id '${accountId}'. Use one from GET /__sandbox/state (people).`);
  return accountId;
}

function applyPatch(site: SiteWorld, world: World, issue: IssueDef, patch: IssuePatch, now: number): IssueDef {
  const project = projectOf(site, issue.projectId);
  const next: IssueDef = { ...issue, updated: now };
  if (patch.summary !== undefined) next.summary = patch.summary;
  if (patch.status !== undefined) next.statusId = resolveStatus(site, project, issue.issueTypeId, patch.status);
  if (patch.priority !== undefined) {
    const p = site.priorities.find((x) => x.id === patch.priority || lower(x.name) === lower(patch.priority ?? ''));
    if (!p) throw new IssueChangeError(400, `Unknown priority '${patch.priority}'.`);
    next.priorityId = p.id;
  }
  if (patch.assignee !== undefined) next.assigneeId = patch.assignee === null ? null : resolveUser(world, patch.assignee);
  if (patch.reporter !== undefined) next.reporterId = resolveUser(world, patch.reporter);
  if (patch.labels !== undefined) next.labels = [...new Set(patch.labels)];
  if (patch.duedate !== undefined) next.duedate = patch.duedate;
  if (patch.parent !== undefined) {
    const parent = patch.parent === null ? null : site.issues.get(patch.parent);
    if (patch.parent !== null && (!parent || parent.id === issue.id)) throw new IssueChangeError(400, `Parent '${patch.parent}' does not exist.`);
    next.parentId = parent?.id ?? null;
  }
  const wasDone = site.index.statusById.get(issue.statusId)?.category === 'done';
  const isDone = site.index.statusById.get(next.statusId)?.category === 'done';
  if (isDone && !wasDone) next.resolved = now;
  if (!isDone) next.resolved = null;
  return next;
}

export function getIssueOrFail(site: SiteWorld, idOrKey: string): IssueDef {
  const issue = site.issues.get(idOrKey);
  if (!issue) throw new IssueChangeError(404, `Issue '${idOrKey}' does not exist on ${site.name}.`);
  return issue;
}

export function createIssue(site: SiteWorld, world: World, input: IssueInput, now: number): IssueDef {
  const project = projectOf(site, input.projectKey);
  const entry = input.issueType
    ? project.workflow.find((w) => w.issueTypeId === input.issueType || lower(site.index.issueTypeById.get(w.issueTypeId)?.name ?? '') === lower(input.issueType ?? ''))
    : project.workflow[0];
  if (!entry) throw new IssueChangeError(400, `Issue type '${input.issueType}' is not used in ${project.key}.`);
  const draft: IssueDef = {
    id: '',
    key: '',
    projectId: project.id,
    issueTypeId: entry.issueTypeId,
    statusId: entry.statusIds[0] ?? '',
    priorityId: site.priorities.find((p) => p.isDefault)?.id ?? site.priorities[0]?.id ?? '',
    summary: input.summary ?? 'New issue',
    created: now,
    updated: now,
    assigneeId: null,
    reporterId: world.user.accountId,
    labels: [],
    duedate: null,
    parentId: null,
    resolved: null,
  };
  const { id: _id, ...ready } = applyPatch(site, world, draft, input, now);
  return site.issues.insert({ ...ready, key: `${project.key}-${site.issues.allocateNumber(project.id)}` });
}

export function updateIssue(site: SiteWorld, world: World, idOrKey: string, patch: IssuePatch, now: number): IssueDef {
  const next = applyPatch(site, world, getIssueOrFail(site, idOrKey), patch, now);
  site.issues.replace(next);
  return next;
}

export function deleteIssue(site: SiteWorld, idOrKey: string): IssueDef {
  const issue = getIssueOrFail(site, idOrKey);
  site.issues.remove(issue.id);
  return issue;
}

/**
 * Moves an issue to another project as Jira's "Move" does: same id, a new key in the target project (the old key
 * keeps resolving to it), and a status and issue type valid in the target's workflow.
 */
export function moveIssue(site: SiteWorld, idOrKey: string, target: { projectKey: string; issueType?: string; status?: string }, now: number): IssueDef {
  const issue = getIssueOrFail(site, idOrKey);
  const project = projectOf(site, target.projectKey);
  if (project.id === issue.projectId) throw new IssueChangeError(400, `Issue ${issue.key} is already in ${project.key}.`);
  const wanted = target.issueType ?? issue.issueTypeId;
  const entry =
    project.workflow.find((w) => w.issueTypeId === wanted || lower(site.index.issueTypeById.get(w.issueTypeId)?.name ?? '') === lower(wanted)) ??
    (target.issueType ? undefined : project.workflow[0]);
  if (!entry) throw new IssueChangeError(400, `Issue type '${target.issueType}' is not used in ${project.key}.`);
  const statusId = target.status
    ? resolveStatus(site, project, entry.issueTypeId, target.status)
    : entry.statusIds.includes(issue.statusId)
      ? issue.statusId
      : (entry.statusIds[0] ?? issue.statusId);
  const isDone = site.index.statusById.get(statusId)?.category === 'done';
  const moved: IssueDef = {
    ...issue,
    key: `${project.key}-${site.issues.allocateNumber(project.id)}`,
    projectId: project.id,
    issueTypeId: entry.issueTypeId,
    statusId,
    parentId: null,
    updated: now,
    resolved: isDone ? (issue.resolved ?? now) : null,
  };
  site.issues.replace(moved);
  return moved;
}

/**
 * Creates `count` plausible issues (deterministic for a given site, project and starting number), in one project
 * or round-robin over every project the user can browse. All share the creation instant `now`.
 */
export function generateIssues(site: SiteWorld, world: World, input: { projectKey?: string; count: number }, now: number): IssueDef[] {
  const projects = input.projectKey ? [projectOf(site, input.projectKey)] : site.projects.filter((p) => site.access.get(p.id)?.browse);
  if (projects.length === 0) throw new IssueChangeError(400, `No browsable project on ${site.name}.`);
  const prng = createPrng(hashSeed(`${site.cloudId}:${input.projectKey ?? '*'}:${site.issues.size}`));
  const out: IssueDef[] = [];
  for (let n = 0; n < input.count; n++) {
    const project = projects[n % projects.length]!;
    const entry = prng.pick(project.workflow);
    const issue = createIssue(site, world, { projectKey: project.key, issueType: entry.issueTypeId, summary: `${prng.pick(GENERATED_VERBS)} ${prng.pick(GENERATED_THINGS)} #${n + 1}` }, now);
    const next = { ...issue, statusId: prng.pick(entry.statusIds), priorityId: prng.pick(site.priorities).id, assigneeId: prng.next() < 0.7 ? prng.pick(world.people).accountId : null };
    if (site.index.statusById.get(next.statusId)?.category === 'done') Object.assign(next, { resolved: now });
    site.issues.replace(next);
    out.push(next);
  }
  return out;
}

const GENERATED_VERBS = ['Fix', 'Add', 'Update', 'Investigate', 'Review'];
const GENERATED_THINGS = ['import job', 'export screen', 'alert routing', 'permission check', 'release notes'];

/**
 * Applies one patch to many issues (benchmarks: "1,000 issues changed since the last sync"): the listed ids or
 * keys, or else the first `count` live issues of a project (or of the site) in id order.
 */
export function updateIssues(site: SiteWorld, world: World, target: { issues?: string[]; projectKey?: string; count?: number }, patch: IssuePatch, now: number, changes?: Array<[IssueDef, IssueDef]>): IssueDef[] {
  const chosen: IssueDef[] = [];
  if (target.issues) {
    for (const idOrKey of target.issues) chosen.push(getIssueOrFail(site, idOrKey));
  } else {
    const projectId = target.projectKey ? projectOf(site, target.projectKey).id : null;
    for (const issue of site.issues.scan()) {
      if (chosen.length >= (target.count ?? 0)) break;
      if (!projectId || issue.projectId === projectId) chosen.push(issue);
    }
  }
  // Validate every change before storing any, so a bad patch changes nothing.
  const next = chosen.map((issue) => applyPatch(site, world, issue, patch, now));
  for (const issue of next) site.issues.replace(issue);
  changes?.push(...next.map((issue, n): [IssueDef, IssueDef] => [chosen[n]!, issue]));
  return next;
}
