import type { JiraConfig } from './config-schema';

export interface KnownJiraIds {
  statusIds: Set<string>;
  priorityIds: Set<string>;
  projectKeys: Set<string>;
}

/** Ids kept because they were already saved, though Jira no longer lists them: shown to the admin, never dropped. */
export interface MissingFromJira {
  statusIds: string[];
  priorityIds: string[];
  projectKeys: string[];
}

export type IdValidation =
  | { ok: true; checked: boolean; missingFromJira: MissingFromJira }
  | { ok: false; fieldErrors: Record<string, string[]> };

const RELOAD = 'Reload the Jira data on this page and choose again.';

/**
 * Every Jira id in `config` must be one Jira lists now (`known`, from the metadata cache) or one already in
 * `previous` (the stored configuration the edit is based on). The second rule keeps a status deleted in Jira
 * visible and editable until the admin removes it, and keeps a vanished project key in the filter, flagged in
 * `missingFromJira`, instead of silently dropping it.
 *
 * `known` undefined means no metadata has been fetched yet (first visit, or Jira unreachable since connect):
 * existence is then not checked and `checked` is false. Refusing would lock admins out of editing while Jira
 * is down, and the ids have already passed the format check of the zod schema; the next metadata refresh
 * flags any that do not exist.
 */
export function validateKnownIds(
  config: JiraConfig,
  known: KnownJiraIds | undefined,
  previous: JiraConfig,
): IdValidation {
  const missingFromJira: MissingFromJira = { statusIds: [], priorityIds: [], projectKeys: [] };
  if (!known) return { ok: true, checked: false, missingFromJira };

  const previousStatusIds = new Set([
    ...Object.keys(previous.statusMapping),
    ...Object.values(previous.projectOverrides).flatMap((mapping) => Object.keys(mapping)),
  ]);
  const previousPriorityIds = new Set(Object.keys(previous.priorityMapping));
  const previousProjectKeys = new Set([...previous.projectFilter, ...Object.keys(previous.projectOverrides)]);

  const fieldErrors: Record<string, string[]> = {};
  const flagged = { statusIds: new Set<string>(), priorityIds: new Set<string>(), projectKeys: new Set<string>() };
  const check = (
    id: string,
    field: string,
    kind: keyof MissingFromJira,
    knownIds: Set<string>,
    previousIds: Set<string>,
    message: string,
  ) => {
    if (knownIds.has(id)) return;
    if (previousIds.has(id)) flagged[kind].add(id);
    else (fieldErrors[field] ??= []).push(message);
  };
  const checkStatus = (id: string, field: string) =>
    check(id, field, 'statusIds', known.statusIds, previousStatusIds, `Jira has no status with id ${id}. ${RELOAD}`);
  const checkProject = (key: string, field: string) =>
    check(
      key,
      field,
      'projectKeys',
      known.projectKeys,
      previousProjectKeys,
      `Jira has no project with key ${key}, or Portico cannot see it. ${RELOAD}`,
    );

  config.projectFilter.forEach((key, index) => checkProject(key, `config.projectFilter.${index}`));
  for (const id of Object.keys(config.statusMapping)) checkStatus(id, `config.statusMapping.${id}`);
  for (const id of Object.keys(config.priorityMapping)) {
    check(
      id,
      `config.priorityMapping.${id}`,
      'priorityIds',
      known.priorityIds,
      previousPriorityIds,
      `Jira has no priority with id ${id}. ${RELOAD}`,
    );
  }
  for (const [key, mapping] of Object.entries(config.projectOverrides)) {
    checkProject(key, `config.projectOverrides.${key}`);
    for (const id of Object.keys(mapping)) checkStatus(id, `config.projectOverrides.${key}.${id}`);
  }

  if (Object.keys(fieldErrors).length > 0) return { ok: false, fieldErrors };
  return {
    ok: true,
    checked: true,
    missingFromJira: {
      statusIds: [...flagged.statusIds],
      priorityIds: [...flagged.priorityIds],
      projectKeys: [...flagged.projectKeys],
    },
  };
}
