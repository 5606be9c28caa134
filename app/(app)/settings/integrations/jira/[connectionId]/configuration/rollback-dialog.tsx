'use client';

import { useQuery } from '@tanstack/react-query';
import { useState } from 'react';
import { ConfirmDialog } from '@/components/ui/confirm-dialog';
import type { JiraConfig } from '@/lib/integrations/jira/config/config-schema';
import type { ConfigNames } from '@/lib/integrations/jira/config/describe-changes';
import { diffConfigs, summarizeChanges } from '@/lib/integrations/jira/config/diff-config';
import { LocalTime } from '@/components/ui/local-time';
import { jiraApi, queryKeys, type SavedConfig } from './api-client';
import { ChangeList } from './change-list';
import { staleConflict, useRollback } from './use-configuration';

interface RollbackDialogProps {
  connectionId: string;
  current: { version: number; config: JiraConfig };
  toVersion: number;
  names: ConfigNames;
  onRolledBack: (saved: { version: number; config: JiraConfig }) => void;
  /** The server refused: another admin saved `theirs` since `current` loaded. The editor loads it. */
  onRefused: (theirs: SavedConfig) => void;
}

/** A rollback refused because another admin saved after the version it was confirmed against. */
interface Refusal {
  from: { version: number; config: JiraConfig };
  theirs: SavedConfig;
}

/**
 * "Roll back to version N": asks first, showing what the current configuration would become, row by row.
 * When another admin saved meanwhile, nothing is rolled back: the dialog stays open on their version, names
 * their rows, and shows what rolling back does now (it would undo their rows too), to confirm again.
 */
export function RollbackDialog({ connectionId, current, toVersion, names, onRolledBack, onRefused }: RollbackDialogProps) {
  const [opened, setOpened] = useState(false);
  const [refusal, setRefusal] = useState<Refusal>();
  const target = useQuery({
    queryKey: queryKeys.version(connectionId, toVersion),
    queryFn: () => jiraApi.version(connectionId, toVersion),
    enabled: opened,
    staleTime: Infinity, // a version never changes
  });
  const rollback = useRollback(connectionId);
  const changes = target.data ? diffConfigs(current.config, target.data.config) : undefined;

  return (
    <ConfirmDialog
      trigger={{ label: `Roll back to version ${toVersion}`, variant: 'secondary' }}
      title={`Roll back to version ${toVersion}?`}
      cancelLabel="Cancel"
      confirmLabel={`Roll back to version ${toVersion}`}
      pendingLabel="Rolling back…"
      confirmVariant="primary"
      onOpen={() => {
        setOpened(true);
        setRefusal(undefined);
      }}
      onConfirm={async () => {
        try {
          const saved = await rollback.mutateAsync({ baseVersion: current.version, toVersion });
          setRefusal(undefined);
          onRolledBack(saved);
          return { ok: true };
        } catch (error) {
          const theirs = staleConflict(error);
          if (!theirs) return { ok: false, error: error instanceof Error ? error.message : 'The rollback failed. Try again.' };
          setRefusal({ from: current, theirs });
          onRefused(theirs);
          return { ok: false };
        }
      }}
    >
      {refusal ? <RefusalNotice refusal={refusal} toVersion={toVersion} names={names} /> : null}
      <p>
        Version {toVersion} becomes the current configuration, saved as a new version; version {current.version} stays in the history.
      </p>
      {target.isError ? (
        <p className="text-red-700 dark:text-red-300">{target.error.message}</p>
      ) : !changes ? (
        <p>Loading what version {toVersion} contains…</p>
      ) : changes.length === 0 ? (
        <p>Version {toVersion} is the same as the current configuration.</p>
      ) : (
        <div role="region" tabIndex={0} aria-label={`What rolling back to version ${toVersion} changes`} className="max-h-72 overflow-y-auto rounded">
          <p className="font-medium">
            Changes from version {current.version} ({summarizeChanges(changes)}):
          </p>
          <ChangeList changes={changes} names={names} label={`Changes rolling back to version ${toVersion} makes`} />
        </div>
      )}
    </ConfirmDialog>
  );
}

function RefusalNotice({ refusal: { from, theirs }, toVersion, names }: { refusal: Refusal; toVersion: number; names: ConfigNames }) {
  const theirChanges = diffConfigs(from.config, theirs.config);
  return (
    <div role="alert" className="space-y-2 rounded-lg bg-amber-50 px-3 py-2 text-amber-950 ring-1 ring-amber-600/20 dark:bg-amber-950/50 dark:text-amber-100">
      <p className="font-medium">
        Not rolled back: {theirs.updatedBy ?? 'another admin'} saved version {theirs.version}
        {theirs.updatedAt ? (
          <>
            {' '}
            at <LocalTime date={theirs.updatedAt} variant="exact" />
          </>
        ) : null}{' '}
        after you loaded version {from.version}.
      </p>
      {theirChanges.length ? (
        <div>
          <p>Their changes:</p>
          <ChangeList changes={theirChanges} names={names} label="Their changes" />
        </div>
      ) : null}
      <p>
        The editor now shows version {theirs.version}. Rolling back to version {toVersion} now replaces it, their changes included:
        review what that changes, below, and roll back again, or cancel to keep version {theirs.version}.
      </p>
    </div>
  );
}
