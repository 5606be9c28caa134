// Compact, deterministic base issues of a site: one typed-array column per field, so big-site's 100,000+
// issues cost a few megabytes instead of one object each. Objects are built on demand by `at(index)`.
import type { Prng } from './prng';
import type { IssueDef, IssueTypeDef, PriorityDef, ProjectDef, StatusDef } from './types';

const VERBS = ['Fix', 'Add', 'Update', 'Remove', 'Investigate', 'Document', 'Refactor', 'Migrate', 'Review', 'Automate'];
const THINGS = ['login redirect', 'invoice export', 'search filters', 'onboarding email', 'audit log retention', 'VPN access request', 'dashboard widgets', 'mobile push notifications', 'billing webhook', 'SSO configuration', 'release checklist', 'laptop replacement', 'campaign landing page', 'rate limit handling', 'CSV import', 'status page copy'];
const QUALIFIERS = ['for EU customers', 'on Android', 'in staging', 'before Q3 launch', 'for the sales team', '', '', ''];
/** Every summary the generator can produce, so a summary is a 16-bit index. */
const SUMMARIES = VERBS.flatMap((v) => THINGS.flatMap((t) => QUALIFIERS.map((q) => `${v} ${t}${q ? ` ${q}` : ''}`)));
/** Label sets issues draw from (index 0 = no labels, the most common case in real sites). */
export const LABEL_SETS: string[][] = [[], [], [], ['backend'], ['frontend'], ['customer'], ['backend', 'security'], ['tech-debt'], ['customer', 'urgent'], ['release-blocker']];

// Fixed reference instant so generated dates never depend on when the sandbox starts.
export const WORLD_EPOCH_MS = Date.UTC(2026, 0, 15, 9, 0, 0);
const DAY_MS = 86_400_000;

export interface IssueSource {
  readonly size: number;
  /** Issue id of index 0; ids are contiguous. */
  readonly firstId: number;
  at(index: number): IssueDef;
  /** Index of the issue with this key at generation time, or -1. */
  indexOfKey(key: string): number;
  /** Highest issue number generated per project id. */
  issueCountOf(projectId: string): number;
}

export interface SourceSpec {
  projects: Array<{ project: ProjectDef; issueCount: number }>;
  priorities: PriorityDef[];
  issueTypes: IssueTypeDef[];
  statusById: Map<string, StatusDef>;
  /** Account ids issues are assigned to / reported by. */
  people: string[];
  firstId: number;
}

export function buildIssueSource(prng: Prng, spec: SourceSpec): IssueSource {
  const size = spec.projects.reduce((n, p) => n + p.issueCount, 0);
  const projectIdx = new Uint16Array(size);
  const number = new Uint32Array(size);
  const typeId = new Uint32Array(size);
  const statusId = new Uint32Array(size);
  const priorityId = new Uint32Array(size);
  const summary = new Uint16Array(size);
  const created = new Float64Array(size);
  const updated = new Float64Array(size);
  const assignee = new Int8Array(size);
  const reporter = new Uint8Array(size);
  const labels = new Uint8Array(size);
  /** Due date as days after the epoch day, or -1 for none. */
  const due = new Int32Array(size);
  const parent = new Int32Array(size);
  const subtaskTypes = new Set(spec.issueTypes.filter((t) => t.subtask).map((t) => Number(t.id)));
  const priorityWeights = spec.priorities.map((p) => [Number(p.id), p.isDefault ? 6 : 1] as const);
  const starts: number[] = [];
  let i = 0;
  spec.projects.forEach(({ project, issueCount }, p) => {
    starts.push(i);
    for (let n = 1; n <= issueCount; n++, i++) {
      const entry = prng.pick(project.workflow);
      // Later statuses in a workflow are a little more common, like a real backlog that mostly gets done.
      statusId[i] = Number(prng.weighted(entry.statusIds.map((id, k) => [id, 1 + k * 0.5] as const)));
      projectIdx[i] = p;
      number[i] = n;
      typeId[i] = Number(entry.issueTypeId);
      priorityId[i] = prng.weighted(priorityWeights);
      summary[i] = prng.int(0, SUMMARIES.length - 1);
      created[i] = WORLD_EPOCH_MS - prng.int(1, 180) * DAY_MS - prng.int(0, DAY_MS);
      updated[i] = Math.min(WORLD_EPOCH_MS, (created[i] ?? 0) + prng.int(0, 30) * DAY_MS + prng.int(0, DAY_MS));
      assignee[i] = prng.next() < 0.7 ? prng.int(0, spec.people.length - 1) : -1;
      reporter[i] = prng.int(0, spec.people.length - 1);
      labels[i] = prng.int(0, LABEL_SETS.length - 1);
      due[i] = prng.next() < 0.3 ? Math.floor((created[i] ?? 0) / DAY_MS) + prng.int(7, 60) : -1;
      // Subtasks hang under the issue before them; every tenth issue belongs to the project's first issue (its epic).
      parent[i] = n > 1 && subtaskTypes.has(typeId[i] ?? 0) ? i - 1 : n % 10 === 0 ? i - n + 1 : -1;
    }
  });
  const projectByKey = new Map(spec.projects.map(({ project }, p) => [project.key, p]));
  const countById = new Map(spec.projects.map(({ project, issueCount }) => [project.id, issueCount]));

  const at = (index: number): IssueDef => {
    const project = spec.projects[projectIdx[index] ?? 0]!.project;
    const status = String(statusId[index]);
    const done = spec.statusById.get(status)?.category === 'done';
    const a = assignee[index] ?? -1;
    const d = due[index] ?? -1;
    const par = parent[index] ?? -1;
    return {
      id: String(spec.firstId + index),
      key: `${project.key}-${number[index]}`,
      projectId: project.id,
      issueTypeId: String(typeId[index]),
      statusId: status,
      priorityId: String(priorityId[index]),
      summary: SUMMARIES[summary[index] ?? 0] ?? '',
      created: created[index] ?? 0,
      updated: updated[index] ?? 0,
      assigneeId: a < 0 ? null : (spec.people[a] ?? null),
      reporterId: spec.people[reporter[index] ?? 0] ?? '',
      labels: LABEL_SETS[labels[index] ?? 0] ?? [],
      duedate: d < 0 ? null : new Date(d * DAY_MS).toISOString().slice(0, 10),
      parentId: par < 0 ? null : String(spec.firstId + par),
      resolved: done ? (updated[index] ?? 0) : null,
    };
  };

  const indexOfKey = (key: string): number => {
    const m = /^([A-Z][A-Z0-9_]*)-(\d+)$/.exec(key.toUpperCase());
    const p = m ? projectByKey.get(m[1] ?? '') : undefined;
    if (p === undefined) return -1;
    const n = Number(m?.[2]);
    return n >= 1 && n <= (spec.projects[p]?.issueCount ?? 0) ? (starts[p] ?? 0) + n - 1 : -1;
  };

  return { size, firstId: spec.firstId, at, indexOfKey, issueCountOf: (projectId) => countById.get(projectId) ?? 0 };
}
