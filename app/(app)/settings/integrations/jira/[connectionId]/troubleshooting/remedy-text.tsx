import type { ReactNode } from 'react';
import { TextWithTimes } from '@/components/ui/text-with-times';

type Block = { kind: 'label' | 'text'; text: string } | { kind: 'bullets' | 'steps'; items: string[] };

const STEP = /^\d+\.\s/;

/** A remedy's lines: "• " lines become a list, "1. " lines numbered steps, "…:" lines labels. */
function toBlocks(text: string): Block[] {
  const blocks: Block[] = [];
  for (const line of text.split('\n')) {
    const kind = line.startsWith('• ') ? 'bullets' : STEP.test(line) ? 'steps' : undefined;
    const last = blocks.at(-1);
    if (kind) {
      const item = kind === 'bullets' ? line.slice(2) : line.replace(STEP, '');
      if (last?.kind === kind) last.items.push(item);
      else blocks.push({ kind, items: [item] });
    } else blocks.push({ kind: line.endsWith(':') ? 'label' : 'text', text: line });
  }
  return blocks;
}

const URL_PATTERN = /(https:\/\/[^\s)]+[^\s).,:;])/;

/**
 * Remedies name the places to go by their address (the developer console, above all): each becomes a link. Times
 * in between are tokens, shown in the reader's zone.
 */
function withLinks(text: string): ReactNode {
  const parts = text.split(URL_PATTERN);
  if (parts.length === 1) return <TextWithTimes text={text} />;
  return parts.map((part, index) =>
    index % 2 === 1 ? (
      <a key={index} href={part} target="_blank" rel="noreferrer" className="font-medium break-all text-indigo-700 underline hover:no-underline dark:text-indigo-300">
        {part}
        <span className="sr-only"> (opens in a new tab)</span>
      </a>
    ) : (
      <TextWithTimes key={index} text={part} />
    ),
  );
}

export function RemedyText({ text }: { text: string }) {
  return (
    <div className="space-y-1.5">
      {toBlocks(text).map((block, index) => {
        switch (block.kind) {
          case 'bullets':
            return (
              <ul key={index} className="list-disc space-y-1 pl-5">
                {block.items.map((item) => (
                  <li key={item}>{withLinks(item)}</li>
                ))}
              </ul>
            );
          case 'steps':
            return (
              <ol key={index} className="list-decimal space-y-1 pl-5">
                {block.items.map((item) => (
                  <li key={item}>{withLinks(item)}</li>
                ))}
              </ol>
            );
          case 'label':
            return (
              <p key={index} className="pt-1 font-medium">
                {withLinks(block.text)}
              </p>
            );
          default:
            return <p key={index}>{withLinks(block.text)}</p>;
        }
      })}
    </div>
  );
}
