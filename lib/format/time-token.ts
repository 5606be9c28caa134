// A time inside a sentence that is written once and read in several places (a diagnostics finding is stored,
// shown on the troubleshooting page, mailed and served by the REST API). The sentence carries the instant as a
// token, and each reader renders it: the browser in the reader's zone (components/ui/text-with-times.tsx), plain
// text (emails, the API) as an unambiguous UTC label. Pure.
import { formatUtcLabel } from './date-time';

/**
 * The word an absolute time needs in its sentence ("the last on Nov 23, …"). A relative time ("3 minutes ago",
 * "in 2 hours") needs none, so the word belongs to the token and only the renderer knows whether to say it.
 */
export const TIME_PREFIXES = ['on', 'at'] as const;
export type TimePrefix = (typeof TIME_PREFIXES)[number];

export type TextPart = { kind: 'text'; text: string } | { kind: 'time'; date: Date; prefix: TimePrefix | null };

// {{time:2026-11-23T17:30:00.000Z}} or {{time:on:2026-11-23T17:30:00.000Z}}: exactly what toISOString writes,
// so a token is never mistaken for text an admin or Atlassian wrote.
const TOKEN = new RegExp(
  `\\{\\{time:(?:(${TIME_PREFIXES.join('|')}):)?(\\d{4}-\\d{2}-\\d{2}T\\d{2}:\\d{2}:\\d{2}\\.\\d{3}Z)\\}\\}`,
  'g',
);

/** The token for `date`, to put in a sentence in place of a formatted time. */
export function timeToken(date: Date, prefix?: TimePrefix): string {
  return `{{time:${prefix ? `${prefix}:` : ''}${date.toISOString()}}}`;
}

/**
 * A sentence as text and times, in order. Text without tokens (a run stored before tokens, with its times
 * already written as UTC) is one text part; a token whose date does not exist stays text.
 */
export function parseTimeTokens(text: string): TextPart[] {
  const parts: TextPart[] = [];
  const pushText = (value: string) => {
    if (!value) return;
    const last = parts.at(-1);
    if (last?.kind === 'text') last.text += value;
    else parts.push({ kind: 'text', text: value });
  };
  let from = 0;
  for (const match of text.matchAll(TOKEN)) {
    const [token, prefix, iso] = match;
    pushText(text.slice(from, match.index));
    from = match.index + token.length;
    const date = new Date(iso!);
    // Date accepts 2026-02-30 as March 2: only a date that reads back the same is one.
    if (Number.isNaN(date.getTime()) || date.toISOString() !== iso) pushText(token);
    else parts.push({ kind: 'time', date, prefix: (prefix as TimePrefix | undefined) ?? null });
  }
  pushText(text.slice(from));
  return parts;
}

/** The sentence with each time as a UTC label ("on Nov 23, 2026, 5:30 PM UTC"): for emails and the REST API. */
export function renderTimeTokensUtc(text: string): string {
  return parseTimeTokens(text)
    .map((part) =>
      part.kind === 'text' ? part.text : `${part.prefix ? `${part.prefix} ` : ''}${formatUtcLabel(part.date)}`,
    )
    .join('');
}
