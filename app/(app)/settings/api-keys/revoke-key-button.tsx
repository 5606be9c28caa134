'use client';

import { useRef, useState, useTransition } from 'react';
import { Button } from '@/components/ui/button';
import { revokeApiKeyAction } from './actions';

export function RevokeKeyButton({ keyId, name }: { keyId: string; name: string }) {
  const dialog = useRef<HTMLDialogElement>(null);
  const [error, setError] = useState<string>();
  const [pending, startTransition] = useTransition();
  const titleId = `revoke-${keyId}`;

  return (
    <>
      <Button type="button" variant="secondary" onClick={() => dialog.current?.showModal()} aria-label={`Revoke ${name}`}>
        Revoke
      </Button>
      <dialog
        ref={dialog}
        aria-labelledby={titleId}
        className="m-auto w-full max-w-md rounded-xl bg-white p-6 text-zinc-900 shadow-xl backdrop:bg-zinc-950/50 dark:bg-zinc-900 dark:text-zinc-100"
      >
        <h2 id={titleId} className="text-base font-semibold">
          Revoke “{name}”?
        </h2>
        <p className="mt-3 text-sm text-zinc-700 dark:text-zinc-300">
          Every request with this key is refused from the moment you revoke it. Systems using it stop working until they get a new key.
        </p>
        {error ? (
          <p role="alert" className="mt-3 text-sm text-red-700 dark:text-red-300">
            {error}
          </p>
        ) : null}
        <div className="mt-6 flex justify-end gap-3">
          <Button type="button" variant="secondary" onClick={() => dialog.current?.close()}>
            Keep key
          </Button>
          <Button
            type="button"
            variant="danger"
            disabled={pending}
            onClick={() =>
              startTransition(async () => {
                const result = await revokeApiKeyAction({ keyId });
                if (!result.ok) return setError(result.error);
                dialog.current?.close();
              })
            }
          >
            {pending ? 'Revoking…' : 'Revoke key'}
          </Button>
        </div>
      </dialog>
    </>
  );
}
