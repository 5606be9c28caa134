// A configuration save's diff as lines an admin reads: Jira names instead of ids, labels instead of codes. Pure.
import type { ConfigChange } from '../config/diff-config';
import { STANDARD_PRIORITY_INFO, STANDARD_STATUS_INFO, type StandardPriority, type StandardStatus } from '../mapping/standard-model';

/** Jira ids to the names Portico last read (the metadata cache); an id it never read shows as the id. */
export interface JiraNames {
  statuses: ReadonlyMap<string, string>;
  priorities: ReadonlyMap<string, string>;
}

const statusLabel = (value: StandardStatus | null, none: string) => (value ? STANDARD_STATUS_INFO[value].label : none);
const priorityLabel = (value: StandardPriority | null) => (value ? STANDARD_PRIORITY_INFO[value].label : 'not mapped');
const named = (names: ReadonlyMap<string, string>, id: string, noun: string) => {
  const name = names.get(id);
  return name ? `${noun} “${name}”` : `${noun} ${id}`;
};

export function describeConfigChange(change: ConfigChange, names: JiraNames): string {
  switch (change.kind) {
    case 'project_filter':
      return `Project ${change.key} ${change.change === 'added' ? 'added to' : 'removed from'} the filter`;
    case 'status_mapping':
      return `${named(names.statuses, change.id, 'Status')}: ${statusLabel(change.from, 'not mapped')} → ${statusLabel(change.to, 'not mapped')}`;
    case 'priority_mapping':
      return `${named(names.priorities, change.id, 'Priority')}: ${priorityLabel(change.from)} → ${priorityLabel(change.to)}`;
    case 'project_override':
      return `${change.key} override for ${named(names.statuses, change.id, 'status')}: ${statusLabel(change.from, 'connection’s mapping')} → ${statusLabel(change.to, 'connection’s mapping')}`;
  }
}
