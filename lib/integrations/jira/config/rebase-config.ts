import type { JiraConfig } from './config-schema';

function rebaseRecord<V>(base: Record<string, V>, mine: Record<string, V>, theirs: Record<string, V>): Record<string, V> {
  const result = { ...theirs };
  for (const id of new Set([...Object.keys(base), ...Object.keys(mine)])) {
    if (mine[id] === base[id]) continue;
    if (mine[id] === undefined) delete result[id];
    else result[id] = mine[id];
  }
  return result;
}

/**
 * Replays my edits (base → mine) on top of another admin's saved version, so keeping my edits
 * after a stale save never reverts their changes to values I did not touch.
 */
export function rebaseConfig(base: JiraConfig, mine: JiraConfig, theirs: JiraConfig): JiraConfig {
  const added = mine.projectFilter.filter((key) => !base.projectFilter.includes(key));
  const removed = new Set(base.projectFilter.filter((key) => !mine.projectFilter.includes(key)));
  const overrides: JiraConfig['projectOverrides'] = { ...theirs.projectOverrides };
  for (const project of new Set([...Object.keys(base.projectOverrides), ...Object.keys(mine.projectOverrides)])) {
    const next = rebaseRecord(base.projectOverrides[project] ?? {}, mine.projectOverrides[project] ?? {}, theirs.projectOverrides[project] ?? {});
    if (Object.keys(next).length) overrides[project] = next;
    else delete overrides[project];
  }
  return {
    projectFilter: [...new Set([...theirs.projectFilter.filter((key) => !removed.has(key)), ...added])].sort(),
    statusMapping: rebaseRecord(base.statusMapping, mine.statusMapping, theirs.statusMapping),
    priorityMapping: rebaseRecord(base.priorityMapping, mine.priorityMapping, theirs.priorityMapping),
    projectOverrides: overrides,
  };
}
