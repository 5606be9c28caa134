import type { ReactNode } from 'react';
import type { ReferenceField } from '@/lib/api/v1/reference-fields';

/** The document's descriptions mark codes with backticks (Markdown, as OpenAPI allows): render those as code. */
export function Described({ text }: { text: string }): ReactNode {
  return text
    .split('`')
    .map((part, index) => (index % 2 === 1 ? <code key={index}>{part}</code> : <span key={index}>{part}</span>));
}

/**
 * A schema's fields: name, type, whether required, the document's description and the allowed values. Stacks as
 * a list of cards on a phone, so the page never scrolls sideways.
 */
export function FieldTable({ caption, fields }: { caption: string; fields: ReferenceField[] }) {
  if (fields.length === 0) return null;
  return (
    <div className="space-y-2">
      <h4 className="text-sm font-semibold">{caption}</h4>
      <dl className="divide-y divide-zinc-100 rounded-lg border border-zinc-200 text-sm dark:divide-zinc-800 dark:border-zinc-800">
        {fields.map((field) => (
          <div
            key={`${field.in ?? ''}${field.name}`}
            className="grid gap-1 px-3 py-2 sm:grid-cols-[minmax(10rem,16rem)_1fr] sm:gap-4"
          >
            <dt className="min-w-0">
              <code className="break-all font-mono text-xs font-semibold">{field.name}</code>
              <span className="block text-xs text-zinc-600 dark:text-zinc-400">
                {field.in ? `${field.in} · ` : ''}
                {field.type}
                {field.required ? ' · required' : ''}
              </span>
            </dt>
            <dd className="min-w-0 text-zinc-700 dark:text-zinc-300">
              {field.description ? <Described text={field.description} /> : null}
              {field.values ? (
                <span className="mt-1 flex flex-wrap items-center gap-1 text-xs">
                  <span className="text-zinc-600 dark:text-zinc-400">
                    {field.values.length === 1 ? 'Value:' : 'One of:'}
                  </span>
                  {field.values.map((value) => (
                    <code key={value} className="rounded bg-zinc-100 px-1 py-0.5 font-mono dark:bg-zinc-800">
                      {value}
                    </code>
                  ))}
                </span>
              ) : null}
            </dd>
          </div>
        ))}
      </dl>
    </div>
  );
}
