/**
 * Text PostgreSQL cannot store, found before any schema sees it. JSON.parse accepts "\ud800" (an unpaired
 * UTF-16 surrogate) and "\u0000", and both made the database throw mid-save: a 500 instead of a named field.
 * A "__proto__" key is refused too: zod copies records with plain assignment, so the key silently vanished
 * (a saved status mapping came back empty).
 */
export interface TextProblem {
  /** Dotted path of the offending value or key, unreadable characters written as JSON escapes. */
  field: string;
  message: string;
}

const LONE_SURROGATE = /[\ud800-\udbff](?![\udc00-\udfff])|(?<![\ud800-\udbff])[\udc00-\udfff]/;
const RESERVED_KEYS = new Set(['__proto__']);

/** "\ud800" → the six characters `\ud800`, so the name of a bad field is itself printable. */
const printable = (text: string) => JSON.stringify(text).slice(1, -1);

function problemIn(text: string): string | null {
  if (text.includes('\u0000')) return 'contains a NUL character (\\u0000), which cannot be stored; remove it';
  if (LONE_SURROGATE.test(text)) return 'contains an unpaired UTF-16 surrogate, which is not valid Unicode; send well-formed text';
  return null;
}

type Step = { key: string; parent: Step | null } | null;

const pathOf = (step: Step) => {
  const keys: string[] = [];
  for (let at = step; at; at = at.parent) keys.push(at.key);
  return keys.reverse().join('.') || 'body';
};

/** Walks the value without recursion, paths as parent links (a deeply nested body must not overflow or crawl). */
export function findUnstorableText(value: unknown): TextProblem | null {
  const pending: Array<{ value: unknown; step: Step }> = [{ value, step: null }];
  for (let next = pending.pop(); next; next = pending.pop()) {
    const { value: here, step } = next;
    if (typeof here === 'string') {
      const problem = problemIn(here);
      if (problem) return { field: pathOf(step), message: `The value of "${pathOf(step)}" ${problem}.` };
    } else if (Array.isArray(here)) {
      for (let i = here.length - 1; i >= 0; i--) pending.push({ value: here[i] as unknown, step: { key: String(i), parent: step } });
    } else if (here !== null && typeof here === 'object') {
      const entries: Array<[string, unknown]> = Object.entries(here);
      for (let i = entries.length - 1; i >= 0; i--) {
        const [key, child] = entries[i]!;
        const childStep = { key: printable(key), parent: step };
        if (RESERVED_KEYS.has(key)) return { field: pathOf(childStep), message: `"${key}" is not allowed as a field name; rename or remove "${pathOf(childStep)}".` };
        const problem = problemIn(key);
        if (problem) return { field: pathOf(childStep), message: `The field name "${pathOf(childStep)}" ${problem}.` };
        pending.push({ value: child, step: childStep });
      }
    }
  }
  return null;
}
