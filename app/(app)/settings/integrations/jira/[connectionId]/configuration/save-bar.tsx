'use client';

import type { Ref } from 'react';
import { Button } from '@/components/ui/button';

interface SaveBarProps {
  changes: number;
  /** Jira changed since the last save: saving without edits marks that as reviewed. */
  reviewable: boolean;
  saving: boolean;
  error?: string;
  /** What the last action did ("Saved as version 4."), shown while there are no edits. */
  notice?: string;
  /**
   * The status line. Save and Discard disable themselves when they succeed, which would drop keyboard focus
   * to the page; the editor moves it here instead, so the outcome is read out where focus lands.
   */
  statusRef?: Ref<HTMLParagraphElement>;
  onSave: () => void;
  onDiscard: () => void;
}

export function SaveBar({ changes, reviewable, saving, error, notice, statusRef, onSave, onDiscard }: SaveBarProps) {
  const summary = changes ? `${changes} unsaved ${changes === 1 ? 'change' : 'changes'}` : notice ? `${notice} All changes saved` : 'All changes saved';
  return (
    <div className="sticky bottom-0 z-10 -mx-4 rounded-t-lg border-t border-zinc-200 bg-white/95 backdrop-blur sm:mx-0 dark:border-zinc-800 dark:bg-zinc-900/95">
      {/* The status line may wrap onto two lines (basis-24) so that, at 390 px, it and both buttons share one row
          instead of a second row of sticky bar; a longer button label still drops it onto a row of its own. */}
      <div className="flex flex-wrap items-center justify-end gap-x-2 gap-y-2 px-4 py-3 sm:gap-x-3">
        <p
          ref={statusRef}
          role="status"
          tabIndex={-1}
          className="mr-auto min-w-0 flex-1 basis-24 rounded text-sm text-zinc-700 focus-visible:outline-2 focus-visible:outline-offset-2 focus-visible:outline-indigo-600 dark:text-zinc-300"
        >
          {error ? <span className="text-red-700 dark:text-red-300">{error}</span> : summary}
        </p>
        <Button type="button" variant="secondary" disabled={!changes || saving} onClick={onDiscard}>
          Discard
        </Button>
        <Button type="button" disabled={(!changes && !reviewable) || saving} onClick={onSave}>
          {saving ? 'Saving…' : changes || !reviewable ? 'Save changes' : 'Mark Jira changes reviewed'}
        </Button>
      </div>
    </div>
  );
}
