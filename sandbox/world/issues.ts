// Deterministic issue generator: plausible summaries, statuses drawn from each project's workflow.
import type { Prng } from './prng';
import type { IssueDef, PriorityDef, ProjectDef } from './types';

const VERBS = ['Fix', 'Add', 'Update', 'Remove', 'Investigate', 'Document', 'Refactor', 'Migrate', 'Review', 'Automate'];
const THINGS = [
  'login redirect',
  'invoice export',
  'search filters',
  'onboarding email',
  'audit log retention',
  'VPN access request',
  'dashboard widgets',
  'mobile push notifications',
  'billing webhook',
  'SSO configuration',
  'release checklist',
  'laptop replacement',
  'campaign landing page',
  'rate limit handling',
  'CSV import',
  'status page copy',
];
const QUALIFIERS = ['for EU customers', 'on Android', 'in staging', 'before Q3 launch', 'for the sales team', '', '', ''];

// Fixed reference instant so generated dates never depend on when the sandbox starts.
export const WORLD_EPOCH_MS = Date.UTC(2026, 0, 15, 9, 0, 0);
const DAY_MS = 86_400_000;

export function generateIssues(
  prng: Prng,
  project: ProjectDef,
  count: number,
  priorities: PriorityDef[],
  nextId: () => number,
): IssueDef[] {
  const issues: IssueDef[] = [];
  const priorityWeights = priorities.map((p) => [p.id, p.isDefault ? 6 : 1] as const);
  for (let n = 1; n <= count; n++) {
    const entry = prng.pick(project.workflow);
    // Later statuses in a workflow are a little more common, like a real backlog that mostly gets done.
    const statusId = prng.weighted(entry.statusIds.map((id, i) => [id, 1 + i * 0.5] as const));
    const created = WORLD_EPOCH_MS - prng.int(1, 180) * DAY_MS - prng.int(0, DAY_MS);
    const qualifier = prng.pick(QUALIFIERS);
    issues.push({
      id: String(nextId()),
      key: `${project.key}-${n}`,
      projectId: project.id,
      issueTypeId: entry.issueTypeId,
      statusId,
      priorityId: prng.weighted(priorityWeights),
      summary: `${prng.pick(VERBS)} ${prng.pick(THINGS)}${qualifier ? ` ${qualifier}` : ''}`,
      created,
      updated: Math.min(WORLD_EPOCH_MS, created + prng.int(0, 30) * DAY_MS),
      assigned: prng.next() < 0.7,
    });
  }
  return issues;
}
