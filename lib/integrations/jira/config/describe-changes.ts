import { STANDARD_PRIORITY_INFO, STANDARD_STATUS_INFO } from '../mapping/standard-model';
import type { ConfigChange } from './diff-config';

/** Jira's names for the ids a configuration holds; an id missing here is shown as "Status 10006". */
export interface ConfigNames {
  statuses: Readonly<Record<string, string>>;
  priorities: Readonly<Record<string, string>>;
}

/** One changed row, named for a reader: "In Review → In review (was To do)". */
export interface DescribedChange {
  /** The row the change is about (rowKey), the same for two changes of the same row. */
  key: string;
  area: 'Projects' | 'Statuses' | 'Priorities' | 'Overrides';
  /** The row's name: a Jira status or priority name, "OPS · In Review" for an override, "OPS" for a project. */
  subject: string;
  /** The new value as read ("In review", "not mapped", "the default", "added"). */
  to: string;
  /** The value it replaces, same wording; undefined for a project added or removed. */
  from?: string;
  text: string;
}

/** The row a change is about: two changes with the same key touched the same row. */
export function rowKey(change: ConfigChange): string {
  switch (change.kind) {
    case 'project_filter':
      return `project:${change.key}`;
    case 'status_mapping':
      return `status:${change.id}`;
    case 'priority_mapping':
      return `priority:${change.id}`;
    case 'project_override':
      return `override:${change.key}:${change.id}`;
  }
}

const statusName = (names: ConfigNames, id: string) => names.statuses[id] ?? `Status ${id}`;
const priorityName = (names: ConfigNames, id: string) => names.priorities[id] ?? `Priority ${id}`;

export function describeChange(change: ConfigChange, names: ConfigNames): DescribedChange {
  const key = rowKey(change);
  if (change.kind === 'project_filter') {
    const to = change.change === 'added' ? 'added' : 'removed';
    return { key, area: 'Projects', subject: change.key, to, text: `Project ${change.key} ${to} ${change.change === 'added' ? 'to' : 'from'} the filter` };
  }
  const unset = change.kind === 'project_override' ? 'the default' : 'not mapped';
  const label = (value: string | null) =>
    value === null
      ? unset
      : change.kind === 'priority_mapping'
        ? STANDARD_PRIORITY_INFO[value as keyof typeof STANDARD_PRIORITY_INFO].label
        : STANDARD_STATUS_INFO[value as keyof typeof STANDARD_STATUS_INFO].label;
  const subject =
    change.kind === 'status_mapping'
      ? statusName(names, change.id)
      : change.kind === 'priority_mapping'
        ? priorityName(names, change.id)
        : `${change.key} · ${statusName(names, change.id)}`;
  const area = change.kind === 'status_mapping' ? 'Statuses' : change.kind === 'priority_mapping' ? 'Priorities' : 'Overrides';
  const [from, to] = [label(change.from), label(change.to)];
  return { key, area, subject, from, to, text: `${subject} → ${to} (was ${from})` };
}

export function describeChanges(changes: readonly ConfigChange[], names: ConfigNames): DescribedChange[] {
  return changes.map((change) => describeChange(change, names));
}
