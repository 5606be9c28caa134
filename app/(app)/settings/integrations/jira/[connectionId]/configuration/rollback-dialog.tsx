'use client';

import { useQuery } from '@tanstack/react-query';
import { useState } from 'react';
import { ConfirmDialog } from '@/components/ui/confirm-dialog';
import type { JiraConfig } from '@/lib/integrations/jira/config/config-schema';
import type { ConfigNames } from '@/lib/integrations/jira/config/describe-changes';
import { diffConfigs, summarizeChanges } from '@/lib/integrations/jira/config/diff-config';
import { jiraApi, queryKeys } from './api-client';
import { ChangeList } from './change-list';
import { useRollback } from './use-configuration';

interface RollbackDialogProps {
  connectionId: string;
  current: { version: number; config: JiraConfig };
  toVersion: number;
  names: ConfigNames;
  onRolledBack: (saved: { version: number; config: JiraConfig }) => void;
}

/** "Roll back to version N": asks first, showing what the current configuration would become, row by row. */
export function RollbackDialog({ connectionId, current, toVersion, names, onRolledBack }: RollbackDialogProps) {
  const [opened, setOpened] = useState(false);
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
      onOpen={() => setOpened(true)}
      onConfirm={async () => {
        try {
          const saved = await rollback.mutateAsync({ baseVersion: current.version, toVersion });
          onRolledBack(saved);
          return { ok: true };
        } catch (error) {
          return { ok: false, error: error instanceof Error ? error.message : 'The rollback failed. Try again.' };
        }
      }}
    >
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
