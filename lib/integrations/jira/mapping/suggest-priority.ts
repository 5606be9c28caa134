import { compileKeywordRules, matchKeyword, tokenize } from './keyword-rules';
import { PRIORITY_KEYWORD_RULES } from './priority-keywords';
import type { StandardPriority } from './standard-model';
import type { Suggestion } from './suggestion';

const RULES = compileKeywordRules(PRIORITY_KEYWORD_RULES);

/**
 * Where a P-scale starts. Atlassian's own numbered scheme and most ITSM shops count from 1 (P1 = Highest), so
 * that is the default; shops that have a P0 count from 0 and their P1 means "high". suggestPriorityMappings
 * detects this from the whole list.
 */
export type PriorityScale = 'from_one' | 'from_zero';

export type PrioritySuggestionInput = {
  name: string;
  /** 1-based place in Jira's priority list, which Jira returns highest first. */
  position?: number;
  total?: number;
  /** Omit when the other priority names are unknown; numbered names then get medium confidence. */
  scale?: PriorityScale;
  /** Jira's `isDefault` (priority/search): the priority new issues get when nobody picks one. */
  isDefault?: boolean;
};

const BY_LEVEL: readonly StandardPriority[] = ['CRITICAL', 'HIGH', 'MEDIUM', 'LOW', 'INFORMATIONAL'];

const NUMBERED = /^(p|prio|priority|s|sev|severity)(\d)$/;
const NUMBER_PREFIXES = new Set(['p', 'prio', 'priority', 's', 'sev', 'severity']);

/** Reads "P1", "Sev 2", "S-3", "Priority 4"; returns the number or null. */
export function readNumberedLevel(name: string): { label: string; level: number } | null {
  const tokens = tokenize(name);
  for (const [index, token] of tokens.entries()) {
    const glued = NUMBERED.exec(token);
    if (glued?.[2] !== undefined) return { label: token, level: Number(glued[2]) };
    const next = tokens[index + 1];
    if (NUMBER_PREFIXES.has(token) && next !== undefined && /^\d$/.test(next)) {
      return { label: `${token} ${next}`, level: Number(next) };
    }
  }
  return null;
}

export function suggestPriority({
  name,
  position,
  total,
  scale,
  isDefault,
}: PrioritySuggestionInput): Suggestion<StandardPriority> {
  // A word states the shop's intent and beats a number: "P1 - High" is HIGH whichever way the scale counts.
  const match = matchKeyword(tokenize(name), RULES);

  // The default is what an issue gets when nobody chose, so on that site it is the normal priority, whatever
  // it is called ("Major" on sites set up from Jira Server's scheme). Only a name that says "no priority"
  // keeps its keyword: such a default means "not prioritised", not "medium".
  if (isDefault === true && match?.value !== 'UNKNOWN') {
    const overridden = match && match.value !== 'MEDIUM' ? ` (overrides keyword '${match.phrase}')` : '';
    return {
      value: 'MEDIUM',
      reason: { code: 'default', text: `site default priority${overridden}` },
      confidence: match === null || match.value === 'MEDIUM' ? 'high' : 'medium',
    };
  }
  if (match) {
    return {
      value: match.value,
      reason: { code: 'keyword', text: `keyword '${match.phrase}'` },
      confidence: match.value === 'UNKNOWN' ? 'medium' : 'high',
    };
  }

  const numbered = readNumberedLevel(name);
  if (numbered) {
    const index = Math.max(0, numbered.level - (scale === 'from_zero' ? 0 : 1));
    return {
      value: BY_LEVEL[Math.min(index, BY_LEVEL.length - 1)] ?? 'UNKNOWN',
      reason: { code: 'keyword', text: `keyword '${numbered.label}'` },
      confidence: scale === undefined ? 'medium' : 'high',
    };
  }

  if (
    position !== undefined &&
    total !== undefined &&
    Number.isInteger(position) &&
    Number.isInteger(total) &&
    position >= 1 &&
    position <= total
  ) {
    // Spread the list over the five levels: 5 priorities map one to one, 3 become critical/medium/informational.
    const fraction = total === 1 ? 0.5 : (position - 1) / (total - 1);
    return {
      value: BY_LEVEL[Math.round(fraction * (BY_LEVEL.length - 1))] ?? 'UNKNOWN',
      reason: { code: 'position', text: `position ${position} of ${total}` },
      confidence: 'low',
    };
  }

  return {
    value: 'UNKNOWN',
    reason: { code: 'none', text: 'no keyword matched and the position in the priority list is unknown' },
    confidence: 'low',
  };
}
