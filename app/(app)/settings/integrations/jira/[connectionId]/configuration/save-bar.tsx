'use client';

import { Button } from '@/components/ui/button';

interface SaveBarProps {
  changes: number;
  /** Jira changed since the last save: saving without edits marks that as reviewed. */
  reviewable: boolean;
  saving: boolean;
  error?: string;
  onSave: () => void;
  onDiscard: () => void;
}

export function SaveBar({ changes, reviewable, saving, error, onSave, onDiscard }: SaveBarProps) {
  return (
    <div className="sticky bottom-0 z-10 -mx-4 rounded-t-lg border-t border-zinc-200 bg-white/95 backdrop-blur sm:mx-0 dark:border-zinc-800 dark:bg-zinc-900/95">
      <div className="flex flex-wrap items-center justify-end gap-3 px-4 py-3">
        <p role="status" className="mr-auto text-sm text-zinc-700 dark:text-zinc-300">
          {error ? <span className="text-red-700 dark:text-red-300">{error}</span> : changes ? `${changes} unsaved ${changes === 1 ? 'change' : 'changes'}` : 'All changes saved'}
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
