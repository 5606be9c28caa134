import { isUnmappedValue } from './editor-rows';
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

/** A Jira value by id and name: what a drift event names (never a usage, an icon URL or anything else). */
export interface NamedValue {
  id: string;
  name: string;
}

export interface NewUnmappedValues {
  statuses: NamedValue[];
  priorities: NamedValue[];
}

interface StoredValues {
  statuses: readonly NamedValue[];
  priorities: readonly NamedValue[];
}

/**
 * Statuses and priorities that a metadata refresh found and the previous one did not, and that the mapping does
 * not map: the `drift_detected` audit action. Null on the first read (`previous` undefined: nothing to compare
 * with, and every value is new) and when nothing is both new and unmapped, so a value seen by two refreshes in a
 * row is reported by the first only. "In use" statuses are compared (the ones the editor asks to map), so a
 * status that starts being used in a workflow counts as new even if the site listed it before.
 */
export function findNewUnmapped(
  previous: StoredValues | undefined,
  current: StoredValues,
  mapping: { statusMapping: Readonly<Record<string, string>>; priorityMapping: Readonly<Record<string, string>> },
): NewUnmappedValues | null {
  if (!previous) return null;
  const fresh = (values: readonly NamedValue[], before: readonly NamedValue[], mapped: Readonly<Record<string, string>>) => {
    const known = new Set(before.map((value) => value.id));
    return values.filter((value) => !known.has(value.id) && isUnmappedValue(mapped[value.id])).map(({ id, name }) => ({ id, name }));
  };
  const statuses = fresh(current.statuses, previous.statuses, mapping.statusMapping);
  const priorities = fresh(current.priorities, previous.priorities, mapping.priorityMapping);
  return statuses.length + priorities.length > 0 ? { statuses, priorities } : null;
}
