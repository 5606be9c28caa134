import type { StandardPriority, StandardStatus } from '../mapping/standard-model';
import type { JiraConfig } from './config-schema';

/**
 * One difference between two configurations. `null` means "not mapped" for the connection's mappings and
 * "uses the connection's mapping" for a project override.
 */
export type ConfigChange =
  | { kind: 'project_filter'; key: string; change: 'added' | 'removed' }
  | { kind: 'status_mapping'; id: string; from: StandardStatus | null; to: StandardStatus | null }
  | { kind: 'priority_mapping'; id: string; from: StandardPriority | null; to: StandardPriority | null }
  | { kind: 'project_override'; key: string; id: string; from: StandardStatus | null; to: StandardStatus | null };

// Jira ids are digit strings: order them as numbers so "9" comes before "10".
const byId = (a: string, b: string) => a.length - b.length || (a < b ? -1 : a > b ? 1 : 0);

function diffRecords<V extends string>(before: Record<string, V>, after: Record<string, V>) {
  const ids = [...new Set([...Object.keys(before), ...Object.keys(after)])].sort(byId);
  return ids.flatMap((id) => {
    const from = before[id] ?? null;
    const to = after[id] ?? null;
    return from === to ? [] : [{ id, from, to }];
  });
}

/** Every difference from `before` to `after`, in a stable order: filter, statuses, priorities, overrides. */
export function diffConfigs(before: JiraConfig, after: JiraConfig): ConfigChange[] {
  const changes: ConfigChange[] = [];
  const beforeKeys = new Set(before.projectFilter);
  const afterKeys = new Set(after.projectFilter);
  for (const key of after.projectFilter)
    if (!beforeKeys.has(key)) changes.push({ kind: 'project_filter', key, change: 'added' });
  for (const key of before.projectFilter)
    if (!afterKeys.has(key)) changes.push({ kind: 'project_filter', key, change: 'removed' });
  for (const change of diffRecords(before.statusMapping, after.statusMapping))
    changes.push({ kind: 'status_mapping', ...change });
  for (const change of diffRecords(before.priorityMapping, after.priorityMapping))
    changes.push({ kind: 'priority_mapping', ...change });
  const projects = [
    ...new Set([...Object.keys(before.projectOverrides), ...Object.keys(after.projectOverrides)]),
  ].sort();
  for (const key of projects) {
    for (const change of diffRecords(before.projectOverrides[key] ?? {}, after.projectOverrides[key] ?? {})) {
      changes.push({ kind: 'project_override', key, ...change });
    }
  }
  return changes;
}

const plural = (count: number, noun: string) => `${count} ${noun}${count === 1 ? '' : 's'}`;

/** One line for the history list, e.g. "3 status mappings, project filter (+2 −1), overrides for OPS". */
export function summarizeChanges(changes: ConfigChange[]): string {
  if (changes.length === 0) return 'No changes';
  const count = (kind: ConfigChange['kind']) => changes.filter((change) => change.kind === kind).length;
  const parts: string[] = [];
  const added = changes.filter((c) => c.kind === 'project_filter' && c.change === 'added').length;
  const removed = count('project_filter') - added;
  if (count('status_mapping') > 0) parts.push(plural(count('status_mapping'), 'status mapping'));
  if (count('priority_mapping') > 0) parts.push(plural(count('priority_mapping'), 'priority mapping'));
  if (added + removed > 0) parts.push(`project filter (+${added} −${removed})`);
  const projects = [...new Set(changes.flatMap((c) => (c.kind === 'project_override' ? [c.key] : [])))];
  if (projects.length > 0) {
    const shown = projects.slice(0, 3).join(', ');
    parts.push(`overrides for ${shown}${projects.length > 3 ? ` and ${projects.length - 3} more` : ''}`);
  }
  return parts.join(', ');
}
