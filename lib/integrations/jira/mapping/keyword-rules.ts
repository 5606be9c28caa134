/*
 * Token and phrase matching shared by the status and priority suggesters. Names are split into words so
 * that "Unblocked" never matches "blocked" and "Reopened" never matches "open"; naive substring search gets
 * both wrong.
 */

/**
 * - override: qualifiers that trump the rest of the name ("In Progress - Blocked" is blocked).
 * - normal: ordinary keywords.
 * - weak: generic words used only when nothing else matches ("Waiting for approval" is a review).
 */
export type KeywordStrength = 'override' | 'normal' | 'weak';

export type KeywordRule<V> = {
  value: V;
  phrases: readonly string[];
  strength?: KeywordStrength;
  /** Only match when the phrase is the whole name; for words too vague inside longer names ("Ready", "New"). */
  wholeName?: boolean;
};

export type KeywordMatch<V> = { value: V; phrase: string; strength: KeywordStrength };

type CompiledPhrase<V> = KeywordMatch<V> & { tokens: readonly string[]; wholeName: boolean };

const STRENGTH_ORDER: Record<KeywordStrength, number> = { override: 0, normal: 1, weak: 2 };

// "Not Done" is not done, "Non-urgent" is not urgent.
const NEGATIONS = new Set(['not', 'non', 'no', 'never']);

export function tokenize(text: string): string[] {
  return text
    .replace(/(\p{Ll})(\p{Lu})/gu, '$1 $2') // "InProgress", as some API-created statuses are named
    .normalize('NFKD')
    .replace(/\p{M}/gu, '') // "Terminé" -> "termine", "Höchste" -> "hochste"
    .toLowerCase()
    .replace(/['’ʼ`]/g, '') // "won't" and "won’t" -> "wont"
    .split(/[^\p{L}\p{N}]+/u)
    .filter((token) => token.length > 0);
}

/**
 * Sorted once at module load: stronger rules first, then longer phrases (more specific), then table order,
 * so the first hit is the answer and ties are settled by where a rule sits in its table.
 */
export function compileKeywordRules<V>(rules: readonly KeywordRule<V>[]): readonly CompiledPhrase<V>[] {
  const compiled = rules.flatMap((rule) =>
    rule.phrases.map((phrase) => ({
      value: rule.value,
      phrase,
      strength: rule.strength ?? 'normal',
      tokens: tokenize(phrase),
      wholeName: rule.wholeName ?? false,
    })),
  );
  return compiled
    .filter((entry) => entry.tokens.length > 0) // an empty phrase would match every name
    .map((entry, order) => ({ entry, order }))
    .sort(
      (a, b) =>
        STRENGTH_ORDER[a.entry.strength] - STRENGTH_ORDER[b.entry.strength] ||
        b.entry.tokens.length - a.entry.tokens.length ||
        a.order - b.order,
    )
    .map(({ entry }) => entry);
}

function occursAt(tokens: readonly string[], phrase: readonly string[], start: number): boolean {
  return phrase.every((word, offset) => tokens[start + offset] === word);
}

function matches(tokens: readonly string[], rule: CompiledPhrase<unknown>): boolean {
  if (rule.wholeName) return tokens.length === rule.tokens.length && occursAt(tokens, rule.tokens, 0);
  for (let start = 0; start + rule.tokens.length <= tokens.length; start++) {
    if (occursAt(tokens, rule.tokens, start) && !NEGATIONS.has(tokens[start - 1] ?? '')) return true;
  }
  return false;
}

export function matchKeyword<V>(
  tokens: readonly string[],
  rules: readonly CompiledPhrase<V>[],
): KeywordMatch<V> | null {
  return matchKeywords(tokens, rules)[0] ?? null;
}

/** Every phrase found in the name, best first (same order as matchKeyword's single answer). */
export function matchKeywords<V>(tokens: readonly string[], rules: readonly CompiledPhrase<V>[]): KeywordMatch<V>[] {
  if (tokens.length === 0) return [];
  return rules
    .filter((candidate) => matches(tokens, candidate))
    .map((rule) => ({ value: rule.value, phrase: rule.phrase, strength: rule.strength }));
}
