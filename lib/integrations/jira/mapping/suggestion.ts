/*
 * What every suggester returns. Following the house rule that decisions carry a reason: the editor shows
 * `reason.text` next to the suggested value, and `confidence` decides whether the row is highlighted for a
 * human to check before "apply all".
 */

export type SuggestionReasonCode = 'keyword' | 'category' | 'position' | 'default' | 'none';

export type SuggestionReason = {
  code: SuggestionReasonCode;
  /** Short fragment for the UI, e.g. "keyword 'review'", "category In Progress", "position 2 of 5", "site default". */
  text: string;
};

/**
 * - high: the name says it plainly and nothing contradicts it.
 * - medium: a name match with nothing to confirm it (no category, a generic word, a guessed P-scale).
 * - low: inferred from the category or list position alone, or the name and the category disagree.
 */
export type SuggestionConfidence = 'high' | 'medium' | 'low';

export type Suggestion<V extends string> = {
  value: V;
  reason: SuggestionReason;
  confidence: SuggestionConfidence;
};
