import { compileKeywordRules, matchKeywords, tokenize, type KeywordMatch } from './keyword-rules';
import type { StandardStatus } from './standard-model';
import {
  normalizeStatusCategory,
  STATUS_CATEGORY_DISPLAY,
  type StatusCategory,
  type StatusCategoryInput,
} from './status-category';
import { STATUS_KEYWORD_RULES } from './status-keywords';
import type { Suggestion } from './suggestion';

const RULES = compileKeywordRules(STATUS_KEYWORD_RULES);

type KnownCategory = Exclude<StatusCategory, 'UNDEFINED'>;

/*
 * The standard values each Jira category may become. Jira's category is what its boards, resolution and
 * reports go by, so Portico never counts a To Do status as started or finished, nor an In Progress one as
 * finished or untouched: the category decides the family, the name only picks within it.
 */
const FAMILY: Record<KnownCategory, readonly StandardStatus[]> = {
  TODO: ['OPEN', 'TODO'],
  IN_PROGRESS: ['IN_PROGRESS', 'IN_REVIEW', 'BLOCKED', 'PENDING'],
  DONE: ['RESOLVED', 'CLOSED', 'CANCELLED'],
};

const CATEGORY_DEFAULT: Record<KnownCategory, StandardStatus> = {
  TODO: 'TODO',
  IN_PROGRESS: 'IN_PROGRESS',
  DONE: 'CLOSED',
};

/*
 * A keyword from another family, brought into the category's family when the name has no keyword of its own
 * family. To Do: anything not open is "not started". In Progress: a finished word ("Ready for release",
 * "Merged") means the work is done but a step remains, i.e. PENDING. Done: a review or test word means
 * finished awaiting closure (RESOLVED), any other open-work word CLOSED.
 */
const INTO_FAMILY: Record<KnownCategory, Partial<Record<StandardStatus, StandardStatus>>> = {
  TODO: {},
  IN_PROGRESS: { RESOLVED: 'PENDING', CLOSED: 'PENDING' },
  DONE: { IN_REVIEW: 'RESOLVED', PENDING: 'RESOLVED' },
};

export type StatusSuggestionInput = { name: string; category?: StatusCategoryInput };

/**
 * Suggests a standard status from a Jira status's name and category.
 *
 * When the name's best keyword belongs to the category's family it wins outright. When it does not
 * ("Awaiting Vendor Triage" in In Progress, "Waiting for customer" in To Do), another keyword of the name
 * that fits the family is used ("awaiting" -> BLOCKED); failing that, the keyword is brought into the family
 * (INTO_FAMILY), and failing that the category's default applies. Either way the confidence drops so the editor asks a human to look, and the reason
 * names both the keyword and the category.
 */
export function suggestStatus({ name, category }: StatusSuggestionInput): Suggestion<StandardStatus> {
  const normalized = normalizeStatusCategory(category);
  const matches = matchKeywords(tokenize(name), RULES);
  const best = matches[0];

  if (normalized === 'UNDEFINED') {
    if (!best) {
      return {
        value: 'UNKNOWN',
        reason: { code: 'none', text: 'no keyword matched and the status has no category' },
        confidence: 'low',
      };
    }
    return { value: best.value, reason: { code: 'keyword', text: describe(best) }, confidence: 'medium' };
  }

  const categoryLabel = STATUS_CATEGORY_DISPLAY[normalized].label;
  const family = FAMILY[normalized];
  if (!best) {
    return {
      value: CATEGORY_DEFAULT[normalized],
      reason: { code: 'category', text: `category ${categoryLabel}` },
      confidence: 'low',
    };
  }
  if (family.includes(best.value)) {
    return {
      value: best.value,
      reason: { code: 'keyword', text: describe(best) },
      confidence: best.strength === 'weak' ? 'medium' : 'high',
    };
  }

  // A named keyword of the family beats a projection; a generic one ("waiting") only fills in where
  // INTO_FAMILY has nothing better ("Awaiting Triage" in In Progress is blocked, not untouched).
  const projected = INTO_FAMILY[normalized][best.value];
  const fitting = matches.find(
    (match) => family.includes(match.value) && (match.strength !== 'weak' || projected === undefined),
  );
  if (fitting) {
    return {
      value: fitting.value,
      reason: {
        code: 'keyword',
        text: `${describe(fitting)}; category ${categoryLabel} rules out ${describe(best)}`,
      },
      confidence: 'medium',
    };
  }
  return {
    value: projected ?? CATEGORY_DEFAULT[normalized],
    reason: { code: 'category', text: `category ${categoryLabel} overrides ${describe(best)}` },
    confidence: 'low',
  };
}

function describe(match: KeywordMatch<StandardStatus>): string {
  return `keyword '${match.phrase}'`;
}
