import { compileKeywordRules, matchKeyword, tokenize } from './keyword-rules';
import { isFinishedStatus, isOpenWorkStatus, type StandardStatus } from './standard-model';
import {
  normalizeStatusCategory,
  STATUS_CATEGORY_DISPLAY,
  type StatusCategory,
  type StatusCategoryInput,
} from './status-category';
import { STATUS_KEYWORD_RULES } from './status-keywords';
import type { Suggestion } from './suggestion';

const RULES = compileKeywordRules(STATUS_KEYWORD_RULES);

const CATEGORY_DEFAULT: Record<StatusCategory, StandardStatus> = {
  TODO: 'TODO',
  IN_PROGRESS: 'IN_PROGRESS',
  DONE: 'CLOSED',
  UNDEFINED: 'UNKNOWN',
};

export type StatusSuggestionInput = { name: string; category?: StatusCategoryInput };

/**
 * Suggests a standard status from a Jira status's name, falling back on its category.
 *
 * Safety rule: a status in Jira's Done category is never suggested as open work. Jira itself treats Done-category
 * issues as finished (boards, resolution, reports), so counting one as open would inflate every backlog metric.
 * A name that says "review" or "testing" in the Done category becomes RESOLVED (finished, awaiting closure);
 * any other open-work name there becomes CLOSED.
 *
 * The reverse is softer: a finished-sounding name in To Do or In Progress ("Closed" in To Do, "Ready for release"
 * in In Progress) keeps its keyword, because the name is usually the better hint, but at low confidence so the
 * editor asks a human to look.
 */
export function suggestStatus({ name, category }: StatusSuggestionInput): Suggestion<StandardStatus> {
  const normalized = normalizeStatusCategory(category);
  const categoryLabel = STATUS_CATEGORY_DISPLAY[normalized].label;
  const match = matchKeyword(tokenize(name), RULES);

  if (!match) {
    if (normalized === 'UNDEFINED') {
      return {
        value: 'UNKNOWN',
        reason: { code: 'none', text: 'no keyword matched and the status has no category' },
        confidence: 'low',
      };
    }
    return {
      value: CATEGORY_DEFAULT[normalized],
      reason: { code: 'category', text: `category ${categoryLabel}` },
      confidence: 'low',
    };
  }

  const keyword = `keyword '${match.phrase}'`;
  if (normalized === 'DONE' && isOpenWorkStatus(match.value)) {
    const awaitingClosure = match.value === 'IN_REVIEW' || match.value === 'PENDING';
    return {
      value: awaitingClosure ? 'RESOLVED' : 'CLOSED',
      reason: { code: 'category', text: `category Done overrides ${keyword}` },
      confidence: 'low',
    };
  }
  if (isFinishedStatus(match.value) && (normalized === 'TODO' || normalized === 'IN_PROGRESS')) {
    return {
      value: match.value,
      reason: { code: 'keyword', text: `${keyword} (category ${categoryLabel} disagrees)` },
      confidence: 'low',
    };
  }
  const unconfirmed = normalized === 'UNDEFINED' || match.strength === 'weak';
  return {
    value: match.value,
    reason: { code: 'keyword', text: keyword },
    confidence: unconfirmed ? 'medium' : 'high',
  };
}
