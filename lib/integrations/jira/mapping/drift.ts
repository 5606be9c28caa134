import type { StatusCategory } from './status-category';

/** Jira's names (and status categories) as they were when an admin last saved the mapping. */
export interface JiraSnapshot {
  statuses: Record<string, { name: string; category: StatusCategory }>;
  priorities: Record<string, { name: string }>;
}

export interface DriftedValue {
  id: string;
  kind: 'renamed' | 'recategorized';
  from: string;
  to: string;
}

interface CurrentValues {
  statuses: readonly { id: string; name: string; category: StatusCategory }[];
  priorities: readonly { id: string; name: string }[];
}

export function snapshotOf(current: CurrentValues): JiraSnapshot {
  return {
    statuses: Object.fromEntries(current.statuses.map((status) => [status.id, { name: status.name, category: status.category }])),
    priorities: Object.fromEntries(current.priorities.map((priority) => [priority.id, { name: priority.name }])),
  };
}

/**
 * What changed in Jira since the mapping was saved: renamed values and statuses whose category
 * moved (a status that became Done may no longer mean open work). New values need no snapshot:
 * they show up as unmapped.
 */
export function detectDrift(snapshot: JiraSnapshot, current: CurrentValues): { statuses: DriftedValue[]; priorities: DriftedValue[] } {
  const statuses: DriftedValue[] = [];
  for (const status of current.statuses) {
    const before = snapshot.statuses[status.id];
    if (!before) continue;
    if (before.category !== status.category) statuses.push({ id: status.id, kind: 'recategorized', from: before.category, to: status.category });
    else if (before.name !== status.name) statuses.push({ id: status.id, kind: 'renamed', from: before.name, to: status.name });
  }
  const priorities: DriftedValue[] = current.priorities.flatMap((priority) => {
    const before = snapshot.priorities[priority.id];
    return before && before.name !== priority.name ? [{ id: priority.id, kind: 'renamed' as const, from: before.name, to: priority.name }] : [];
  });
  return { statuses, priorities };
}
