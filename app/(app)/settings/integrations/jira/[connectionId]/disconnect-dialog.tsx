'use client';

import { useRouter } from 'next/navigation';
import { useState } from 'react';
import { ConfirmDialog } from '@/components/ui/confirm-dialog';
import { disconnectJira } from './actions';

interface DisconnectDialogProps {
  connectionId: string;
  siteName: string;
  sharedWith: string[];
}

export function DisconnectDialog({ connectionId, siteName, sharedWith }: DisconnectDialogProps) {
  const router = useRouter();
  const [deleteConfiguration, setDeleteConfiguration] = useState(false);

  return (
    <ConfirmDialog
      trigger={{ label: 'Disconnect', variant: 'danger' }}
      title={`Disconnect ${siteName}?`}
      cancelLabel="Keep connected"
      confirmLabel="Disconnect"
      pendingLabel="Disconnecting…"
      onConfirm={async () => {
        const result = await disconnectJira({ connectionId, deleteConfiguration });
        if (result.ok) router.push('/settings/integrations?jira=disconnected');
        return result;
      }}
    >
      <p>
        Portico deletes its tokens for this site and stops syncing it. Your project filter and mappings are kept for a
        later reconnect unless you choose otherwise.
      </p>
      {sharedWith.length > 0 ? (
        <p className="rounded-md bg-amber-50 px-3 py-2 text-amber-900 dark:bg-amber-950/50 dark:text-amber-200">
          The same Atlassian authorization also serves {sharedWith.join(', ')}. Those stay connected.
        </p>
      ) : null}
      <p>
        Atlassian keeps the app’s access until it is removed on the Atlassian side: open{' '}
        <a
          className="font-medium text-indigo-700 underline dark:text-indigo-300"
          href="https://id.atlassian.com/manage-profile/apps"
          target="_blank"
          rel="noreferrer"
        >
          Atlassian account › Connected apps
        </a>{' '}
        and remove Portico.
      </p>
      <label className="flex items-start gap-2">
        <input
          type="checkbox"
          className="mt-0.5"
          checked={deleteConfiguration}
          onChange={(event) => setDeleteConfiguration(event.target.checked)}
        />
        <span>Also delete this site’s project filter and mappings</span>
      </label>
    </ConfirmDialog>
  );
}
