'use client';

import { useRouter } from 'next/navigation';
import { useRef, useState, useTransition } from 'react';
import { Button } from '@/components/ui/button';
import { disconnectJira } from './actions';

interface DisconnectDialogProps {
  connectionId: string;
  siteName: string;
  sharedWith: string[];
}

export function DisconnectDialog({ connectionId, siteName, sharedWith }: DisconnectDialogProps) {
  const dialog = useRef<HTMLDialogElement>(null);
  const router = useRouter();
  const [deleteConfiguration, setDeleteConfiguration] = useState(false);
  const [error, setError] = useState<string>();
  const [pending, startTransition] = useTransition();

  return (
    <>
      <Button type="button" variant="danger" onClick={() => dialog.current?.showModal()}>
        Disconnect
      </Button>
      <dialog
        ref={dialog}
        aria-labelledby="disconnect-title"
        className="m-auto w-full max-w-md rounded-xl bg-white p-6 text-zinc-900 shadow-xl backdrop:bg-zinc-950/50 dark:bg-zinc-900 dark:text-zinc-100"
      >
        <h2 id="disconnect-title" className="text-base font-semibold">
          Disconnect {siteName}?
        </h2>
        <div className="mt-3 space-y-3 text-sm text-zinc-700 dark:text-zinc-300">
          <p>Portico deletes its tokens for this site and stops syncing it. Your project filter and mappings are kept for a later reconnect unless you choose otherwise.</p>
          {sharedWith.length > 0 ? (
            <p className="rounded-md bg-amber-50 px-3 py-2 text-amber-900 dark:bg-amber-950/50 dark:text-amber-200">
              The same Atlassian authorization also serves {sharedWith.join(', ')}. Those stay connected.
            </p>
          ) : null}
          <p>
            Atlassian keeps the app’s access until it is removed on the Atlassian side: open{' '}
            <a className="font-medium text-indigo-700 underline dark:text-indigo-300" href="https://id.atlassian.com/manage-profile/apps" target="_blank" rel="noreferrer">
              Atlassian account › Connected apps
            </a>{' '}
            and remove Portico.
          </p>
          <label className="flex items-start gap-2">
            <input type="checkbox" className="mt-0.5" checked={deleteConfiguration} onChange={(event) => setDeleteConfiguration(event.target.checked)} />
            <span>Also delete this site’s project filter and mappings</span>
          </label>
          {error ? (
            <p role="alert" className="text-red-700 dark:text-red-300">
              {error}
            </p>
          ) : null}
        </div>
        <div className="mt-6 flex justify-end gap-3">
          <Button type="button" variant="secondary" onClick={() => dialog.current?.close()}>
            Keep connected
          </Button>
          <Button
            type="button"
            variant="danger"
            disabled={pending}
            onClick={() =>
              startTransition(async () => {
                const result = await disconnectJira({ connectionId, deleteConfiguration });
                if (!result.ok) return setError(result.error);
                dialog.current?.close();
                router.push('/settings/integrations?jira=disconnected');
              })
            }
          >
            {pending ? 'Disconnecting…' : 'Disconnect'}
          </Button>
        </div>
      </dialog>
    </>
  );
}
