import type { Absence, AbsentValue } from './absent-values';
import type { StatusCategory } from './status-category';
import type { Suggestion } from './suggestion';

/** One line of a mapping editor: a Jira value, its draft and saved standard value, and a suggestion. */
export interface MappingRow<V extends string> {
  id: string;
  name: string;
  category?: StatusCategory;
  usedIn: string[];
  value: V;
  savedValue: V | undefined;
  suggestion: Suggestion<V> | undefined;
  /** Mapped earlier but Jira says it no longer exists: shown until an admin prunes it. */
  missingFromJira: boolean;
  /** Mapped but not among the values in use, and why (absent-values.ts); undefined for values in use. */
  absence?: Absence;
  changed: boolean;
  unmapped: boolean;
}

export interface JiraValue {
  id: string;
  name: string;
  category?: StatusCategory;
  usedIn?: string[];
}

export function buildMappingRows<V extends string>(
  jiraValues: readonly JiraValue[],
  draft: Readonly<Record<string, V>>,
  saved: Readonly<Record<string, V>>,
  suggestions: Readonly<Record<string, Suggestion<V>>>,
  unknown: V,
  describeAbsent: (id: string) => AbsentValue = (id) => ({ absence: 'removed_from_jira', name: `Value ${id}` }),
): MappingRow<V>[] {
  const row = (id: string, name: string, extra: Partial<MappingRow<V>>): MappingRow<V> => {
    const value = draft[id] ?? unknown;
    return {
      id,
      name,
      usedIn: [],
      value,
      savedValue: saved[id],
      suggestion: suggestions[id],
      missingFromJira: false,
      changed: value !== (saved[id] ?? unknown),
      unmapped: value === unknown,
      ...extra,
    };
  };
  const known = new Set(jiraValues.map((value) => value.id));
  const rows = jiraValues.map((value) => row(value.id, value.name, { category: value.category, usedIn: value.usedIn ?? [] }));
  const gone = [...new Set([...Object.keys(saved), ...Object.keys(draft)])].filter((id) => !known.has(id));
  return [
    ...rows,
    ...gone.map((id) => {
      const absent = describeAbsent(id);
      return row(id, absent.name, {
        absence: absent.absence,
        missingFromJira: absent.absence === 'removed_from_jira',
        ...(absent.category ? { category: absent.category } : {}),
      });
    }),
  ];
}

export type RowFilter = 'all' | 'unmapped' | 'changed' | 'differs_from_suggestion' | 'missing';

/**
 * The rows a search and the filters keep. The search finds a row by its name, by a project key in its "Used in",
 * or by a project in `projects` (the keys of the projects whose name matches the search: planProjectSearch).
 */
export function filterMappingRows<V extends string>(
  rows: readonly MappingRow<V>[],
  {
    search,
    filter,
    category,
    projects = [],
  }: { search: string; filter: RowFilter; category?: StatusCategory | 'all'; projects?: readonly string[] },
): MappingRow<V>[] {
  const needle = search.trim().toLowerCase();
  const named = new Set(projects);
  const usedInMatch = (key: string) => key.toLowerCase().includes(needle) || named.has(key);
  return rows.filter((row) => {
    if (needle && !row.name.toLowerCase().includes(needle) && !row.usedIn.some(usedInMatch)) return false;
    if (category && category !== 'all' && row.category !== category) return false;
    if (filter === 'unmapped') return row.unmapped;
    if (filter === 'changed') return row.changed;
    if (filter === 'missing') return row.missingFromJira;
    if (filter === 'differs_from_suggestion') return Boolean(row.suggestion && row.suggestion.value !== row.value);
    return true;
  });
}

/** Issues per standard value: Jira status counts folded through a mapping (unmapped → unknown). */
export function foldCounts<V extends string>(counts: Readonly<Record<string, number>>, mapping: Readonly<Record<string, V>>, unknown: V) {
  const totals: Partial<Record<V, number>> = {};
  for (const [id, count] of Object.entries(counts)) {
    const value = mapping[id] ?? unknown;
    totals[value] = (totals[value] ?? 0) + count;
  }
  return totals;
}

/** How many Jira values have no mapping: they count as UNKNOWN until an admin maps them. */
export function countUnmapped(jiraIds: readonly string[], mapping: Readonly<Record<string, string>>): number {
  return jiraIds.filter((id) => isUnmappedValue(mapping[id])).length;
}

/** A Jira value without a standard value, or mapped to UNKNOWN (what an unmapped value normalizes to anyway). */
export const isUnmappedValue = (standard: string | undefined) => !standard || standard === 'UNKNOWN';
