import type { RequestedMappings, UnresolvedNames } from '@/db/schema/jira';
import type { JiraConfig } from '../config/config-schema';

/** What resolution needs from a site's metadata: names and ids only. */
export interface NamedJiraData {
  statuses: { id: string; name: string }[];
  priorities: { id: string; name: string }[];
  projectKeys: string[];
}

const normalize = (name: string) => name.trim().toLocaleLowerCase('en-US');

function idsByName(items: { id: string; name: string }[]): Map<string, string[]> {
  const index = new Map<string, string[]>();
  for (const item of items) index.set(normalize(item.name), [...(index.get(normalize(item.name)) ?? []), item.id]);
  return index;
}

function resolve(requested: Record<string, string>, index: Map<string, string[]>) {
  const mapping: Record<string, string> = {};
  const unresolved: string[] = [];
  for (const [name, value] of Object.entries(requested)) {
    const ids = index.get(normalize(name));
    if (!ids) unresolved.push(name);
    // Team-managed projects each own their statuses, so one name can be several ids: the mapping covers all.
    else for (const id of ids) mapping[id] = value;
  }
  return { mapping, unresolved };
}

/**
 * Turns the names given through the API into Jira ids (case-insensitive, exact) and merges them over the
 * current configuration. Names the site does not have are reported, never dropped silently.
 */
export function resolveRequestedMappings(
  requested: RequestedMappings,
  current: JiraConfig,
  jira: NamedJiraData,
): { config: JiraConfig; unresolved: UnresolvedNames } {
  const statuses = resolve(requested.statuses, idsByName(jira.statuses));
  const priorities = resolve(requested.priorities, idsByName(jira.priorities));
  const knownKeys = new Set(jira.projectKeys);
  return {
    config: {
      ...current,
      statusMapping: { ...current.statusMapping, ...statuses.mapping } as JiraConfig['statusMapping'],
      priorityMapping: { ...current.priorityMapping, ...priorities.mapping } as JiraConfig['priorityMapping'],
    },
    unresolved: {
      statuses: statuses.unresolved,
      priorities: priorities.unresolved,
      projectKeys: current.projectFilter.filter((key) => !knownKeys.has(key)),
    },
  };
}
