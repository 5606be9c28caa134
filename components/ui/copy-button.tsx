'use client';

import { useState } from 'react';
import { buttonClasses } from './button';

/** Copies `value` to the clipboard; `label` names what is copied, for screen readers and tests. */
export function CopyButton({ value, label, children = 'Copy' }: { value: string; label: string; children?: string }) {
  const [state, setState] = useState<'idle' | 'copied' | 'failed'>('idle');
  return (
    <span className="inline-flex items-center gap-2">
      <button
        type="button"
        aria-label={label}
        className={buttonClasses('secondary', 'px-2 py-1 text-xs')}
        onClick={() => {
          // The clipboard needs a secure context and permission; say so rather than fail silently.
          navigator.clipboard.writeText(value).then(
            () => setState('copied'),
            () => setState('failed'),
          );
        }}
      >
        {children}
      </button>
      <span role="status" className="text-xs text-zinc-600 dark:text-zinc-400">
        {state === 'copied' ? 'Copied' : state === 'failed' ? 'Copy failed: select the text and copy it' : ''}
      </span>
    </span>
  );
}
