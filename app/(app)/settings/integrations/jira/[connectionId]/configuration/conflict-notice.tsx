'use client';

import { Button } from '@/components/ui/button';
import type { JiraConfig } from '@/lib/integrations/jira/config/config-schema';
import { diffConfigs, summarizeChanges } from '@/lib/integrations/jira/config/diff-config';
import type { SavedConfig } from './api-client';

interface ConflictNoticeProps {
  theirs: SavedConfig;
  base: JiraConfig;
  onLoadTheirs: () => void;
  onKeepMine: () => void;
}

/** A stale save: show what the other admin changed and let this admin choose; never overwrite silently. */
export function ConflictNotice({ theirs, base, onLoadTheirs, onKeepMine }: ConflictNoticeProps) {
  const changes = diffConfigs(base, theirs.config);
  return (
    <div role="alert" className="space-y-3 rounded-lg bg-amber-50 px-4 py-3 text-sm text-amber-900 ring-1 ring-amber-600/20 dark:bg-amber-950/50 dark:text-amber-200">
      <p className="font-medium">
        Not saved: {theirs.updatedBy ?? 'another admin'} saved version {theirs.version} while you were editing.
      </p>
      <p>Their changes: {changes.length ? summarizeChanges(changes) : 'none that differ from what you started with'}.</p>
      <div className="flex flex-wrap gap-2">
        <Button type="button" variant="secondary" onClick={onLoadTheirs}>
          Discard my edits and load their version
        </Button>
        <Button type="button" variant="secondary" onClick={onKeepMine}>
          Keep my edits on top of theirs
        </Button>
      </div>
    </div>
  );
}
