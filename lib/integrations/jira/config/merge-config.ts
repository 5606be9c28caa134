import type { JiraConfig } from './config-schema';
import { diffConfigs, type ConfigChange } from './diff-config';
import { rowKey } from './describe-changes';
import { rebaseConfig } from './rebase-config';

/** The same row changed to different values by me (base → mine) and by the other admin (base → theirs). */
export interface MergeConflict {
  key: string;
  mine: ConfigChange;
  theirs: ConfigChange;
}

export interface MergePlan {
  /** Every change the other admin saved, collisions included. */
  theirChanges: ConfigChange[];
  /** My changes that touch no row they changed, or changed it to the same value: applied as they are. */
  cleanChanges: ConfigChange[];
  conflicts: MergeConflict[];
}

export type ConflictChoice = 'mine' | 'theirs';

export type MergeOutcome =
  | { ok: true; config: JiraConfig }
  /** A collision without a choice: never settled by default, so their edit is not overwritten silently. */
  | { ok: false; reason: 'unresolved_conflicts'; keys: string[] };

/** Three-way comparison of my draft and their saved version against the version both started from. */
export function planMerge(base: JiraConfig, mine: JiraConfig, theirs: JiraConfig): MergePlan {
  const theirChanges = diffConfigs(base, theirs);
  const theirsByRow = new Map(theirChanges.map((change) => [rowKey(change), change]));
  const cleanChanges: ConfigChange[] = [];
  const conflicts: MergeConflict[] = [];
  for (const change of diffConfigs(base, mine)) {
    const key = rowKey(change);
    const other = theirsByRow.get(key);
    if (other && 'to' in other && 'to' in change && other.to !== change.to) conflicts.push({ key, mine: change, theirs: other });
    else cleanChanges.push(change);
  }
  return { theirChanges, cleanChanges, conflicts };
}

function setRow(config: JiraConfig, change: ConfigChange): JiraConfig {
  const put = <V>(record: Record<string, V>, id: string, value: V | null) => {
    const next = { ...record };
    if (value === null) delete next[id];
    else next[id] = value;
    return next;
  };
  switch (change.kind) {
    case 'project_filter':
      return config; // both sides adding (or removing) a key agree; the filter cannot collide
    case 'status_mapping':
      return { ...config, statusMapping: put(config.statusMapping, change.id, change.to) };
    case 'priority_mapping':
      return { ...config, priorityMapping: put(config.priorityMapping, change.id, change.to) };
    case 'project_override': {
      const mapping = put(config.projectOverrides[change.key] ?? {}, change.id, change.to);
      const overrides = { ...config.projectOverrides, [change.key]: mapping };
      if (Object.keys(mapping).length === 0) delete overrides[change.key];
      return { ...config, projectOverrides: overrides };
    }
  }
}

/**
 * My edits on top of their version: rows only one side changed keep that side's value, and each collision
 * takes the side the admin chose for that row. Any collision left without a choice refuses the merge.
 */
export function mergeConfigs(
  base: JiraConfig,
  mine: JiraConfig,
  theirs: JiraConfig,
  choices: Readonly<Record<string, ConflictChoice>>,
): MergeOutcome {
  const { conflicts } = planMerge(base, mine, theirs);
  const unresolved = conflicts.filter((conflict) => !choices[conflict.key]).map((conflict) => conflict.key);
  if (unresolved.length) return { ok: false, reason: 'unresolved_conflicts', keys: unresolved };
  // rebaseConfig keeps mine on every row I changed; put theirs back where the admin chose theirs.
  let merged = rebaseConfig(base, mine, theirs);
  for (const conflict of conflicts) if (choices[conflict.key] === 'theirs') merged = setRow(merged, conflict.theirs);
  return { ok: true, config: merged };
}
