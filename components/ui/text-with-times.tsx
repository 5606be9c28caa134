import { parseTimeTokens } from '@/lib/format/time-token';
import { LocalTime } from './local-time';

/**
 * A sentence whose times are tokens (lib/format/time-token.ts), each shown as a <LocalTime>: in the reader's zone,
 * relative while recent, the exact UTC time on hover. Text without tokens (stored before them) shows as it is.
 */
export function TextWithTimes({ text }: { text: string }) {
  return parseTimeTokens(text).map((part, index) =>
    part.kind === 'text' ? part.text : <LocalTime key={index} date={part.date} prefix={part.prefix ?? undefined} />,
  );
}
