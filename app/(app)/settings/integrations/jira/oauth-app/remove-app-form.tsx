'use client';

import { useActionState, useState } from 'react';
import { Button } from '@/components/ui/button';
import type { ActionResult } from '@/lib/actions/admin-action';
import { removeOAuthApp } from './actions';

/** Back to Portico's app, after listing the connections that will need a reconnect. */
export function RemoveAppForm({ mustReconnect }: { mustReconnect: { id: string; siteName: string | null }[] }) {
  const [open, setOpen] = useState(false);
  const [state, formAction, pending] = useActionState<ActionResult | undefined, FormData>(
    (_previous, form) => removeOAuthApp({ acknowledgeReconnect: form.get('acknowledgeReconnect') === 'on' }),
    undefined,
  );
  if (!open) {
    return (
      <Button type="button" variant="secondary" onClick={() => setOpen(true)}>
        Stop using this app
      </Button>
    );
  }
  return (
    <form action={formAction} aria-label="Stop using your OAuth app" className="space-y-3 rounded-lg p-4 ring-1 ring-zinc-200 dark:ring-zinc-800">
      <p className="text-sm">New connections will use Portico’s own OAuth app. The saved secret is deleted.</p>
      {mustReconnect.length > 0 ? (
        <div className="space-y-2 rounded-md bg-amber-50 px-3 py-2 text-sm text-amber-900 ring-1 ring-amber-600/20 dark:bg-amber-950/50 dark:text-amber-200">
          <p id="remove-warning">These connections were authorized with your app and stop working until an admin reconnects them:</p>
          <ul className="list-disc pl-5">
            {mustReconnect.map((connection) => (
              <li key={connection.id}>{connection.siteName ?? 'New connection'}</li>
            ))}
          </ul>
          <label className="flex items-center gap-2 font-medium">
            <input type="checkbox" name="acknowledgeReconnect" aria-describedby="remove-warning" />I will reconnect them
          </label>
        </div>
      ) : null}
      {state && !state.ok ? (
        <p role="alert" className="text-sm text-red-700 dark:text-red-300">
          {state.fieldErrors?.acknowledgeReconnect ? 'Tick the box to remove the app anyway.' : state.error}
        </p>
      ) : null}
      <div className="flex gap-2">
        <Button type="submit" variant="danger" disabled={pending}>
          {pending ? 'Removing…' : 'Remove and use Portico’s app'}
        </Button>
        <Button type="button" variant="ghost" onClick={() => setOpen(false)}>
          Cancel
        </Button>
      </div>
    </form>
  );
}
