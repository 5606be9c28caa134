import type { StatusCategoryInput } from './status-category';
import { readNumberedLevel, suggestPriority, type PriorityScale } from './suggest-priority';
import { suggestStatus } from './suggest-status';
import type { StandardPriority, StandardStatus } from './standard-model';
import type { Suggestion, SuggestionConfidence, SuggestionReason } from './suggestion';

export type JiraStatusLike = { id: string; name: string; category?: StatusCategoryInput };
export type JiraPriorityLike = { id: string; name: string; isDefault?: boolean };

type Suggestions<V extends string> = Record<string, Suggestion<V>>;

export function suggestStatusMappings(statuses: readonly JiraStatusLike[]): Suggestions<StandardStatus> {
  return Object.fromEntries(statuses.map((status) => [status.id, suggestStatus(status)]));
}

/** `priorities` must be in Jira's order (GET /rest/api/3/priority/search returns them highest first). */
export function suggestPriorityMappings(priorities: readonly JiraPriorityLike[]): Suggestions<StandardPriority> {
  const scale: PriorityScale = priorities.some((priority) => readNumberedLevel(priority.name)?.level === 0)
    ? 'from_zero'
    : 'from_one';
  const total = priorities.length;
  return Object.fromEntries(
    priorities.map((priority, index) => [
      priority.id,
      suggestPriority({ name: priority.name, position: index + 1, total, scale, isDefault: priority.isDefault }),
    ]),
  );
}

export type MappingChange<V extends string> = {
  id: string;
  from: V | undefined;
  to: V;
  reason: SuggestionReason;
  confidence: SuggestionConfidence;
};

export type MappingDiff<V extends string> = {
  /** The mapping after applying the suggestions; hand it to the save action. */
  next: Record<string, V>;
  applied: MappingChange<V>[];
  /** Suggestions that differ from a value someone chose, left alone unless `overwrite` is set. */
  skipped: MappingChange<V>[];
};

/**
 * Plans "apply all suggestions". By default it only fills entries that are missing or UNKNOWN, because a value
 * in `current` was chosen by a person and a keyword guess should not silently undo it. A suggestion of UNKNOWN
 * is never applied: it would erase information. Ids in `current` without a suggestion (statuses deleted in
 * Jira) are kept as they are; removing them is the editor's call.
 */
export function diffMapping<V extends string>(
  current: Readonly<Partial<Record<string, V>>>,
  suggested: Readonly<Suggestions<V>>,
  options: { overwrite?: boolean } = {},
): MappingDiff<V> {
  const next: Record<string, V> = {};
  for (const [id, value] of Object.entries(current)) {
    if (value !== undefined) next[id] = value;
  }
  const applied: MappingChange<V>[] = [];
  const skipped: MappingChange<V>[] = [];

  for (const [id, suggestion] of Object.entries(suggested)) {
    const from = Object.hasOwn(current, id) ? current[id] : undefined;
    if (suggestion.value === 'UNKNOWN' || suggestion.value === from) continue;
    const change = { id, from, to: suggestion.value, reason: suggestion.reason, confidence: suggestion.confidence };
    const unmapped = from === undefined || from === 'UNKNOWN';
    if (unmapped || options.overwrite === true) {
      next[id] = suggestion.value;
      applied.push(change);
    } else {
      skipped.push(change);
    }
  }
  return { next, applied, skipped };
}
