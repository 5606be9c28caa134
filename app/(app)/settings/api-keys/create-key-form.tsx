'use client';

import { useState, useTransition } from 'react';
import { Button } from '@/components/ui/button';
import { CopyButton } from '@/components/ui/copy-button';
import { createApiKeyAction } from './actions';

/** Name → key. The secret is shown once, here, with a copy button; it is never shown again. */
export function CreateKeyForm() {
  const [name, setName] = useState('');
  const [error, setError] = useState<string>();
  const [created, setCreated] = useState<{ name: string; secret: string }>();
  const [pending, startTransition] = useTransition();

  return (
    <section aria-labelledby="create-key-title" className="space-y-4 rounded-xl border border-zinc-200 bg-white p-5 shadow-sm dark:border-zinc-800 dark:bg-zinc-900">
      <h2 id="create-key-title" className="font-semibold">
        Create a key
      </h2>
      <form
        className="flex flex-wrap items-end gap-3"
        onSubmit={(event) => {
          event.preventDefault();
          startTransition(async () => {
            const result = await createApiKeyAction({ name });
            if (!result.ok) return setError(result.fieldErrors?.name?.[0] ?? result.error);
            setError(undefined);
            setCreated({ name: result.data.name, secret: result.data.secret });
            setName('');
          });
        }}
      >
        <div className="min-w-60 flex-1">
          <label htmlFor="key-name" className="block text-sm font-medium">
            Name
          </label>
          <input
            id="key-name"
            value={name}
            onChange={(event) => setName(event.target.value)}
            maxLength={80}
            placeholder="Onboarding backend"
            aria-invalid={error ? true : undefined}
            aria-describedby={error ? 'key-name-error' : undefined}
            className="mt-1 w-full rounded-md border-0 bg-white px-3 py-2 text-sm ring-1 ring-inset ring-zinc-300 dark:bg-zinc-950 dark:ring-zinc-700"
          />
        </div>
        <Button type="submit" disabled={pending}>
          {pending ? 'Creating…' : 'Create key'}
        </Button>
      </form>
      {error ? (
        <p id="key-name-error" role="alert" className="text-sm text-red-700 dark:text-red-300">
          {error}
        </p>
      ) : null}
      {created ? (
        <div role="status" className="space-y-2 rounded-lg bg-emerald-50 px-4 py-3 text-sm text-emerald-950 ring-1 ring-inset ring-emerald-600/20 dark:bg-emerald-950/50 dark:text-emerald-100">
          <p className="font-medium">Key “{created.name}” created. Copy it now: Portico shows it only once.</p>
          <div className="flex flex-wrap items-center gap-2">
            <code aria-label="New API key" className="break-all rounded bg-white px-2 py-1 font-mono text-xs ring-1 ring-emerald-600/20 dark:bg-zinc-950">
              {created.secret}
            </code>
            <CopyButton value={created.secret} label="Copy key">
              Copy key
            </CopyButton>
          </div>
        </div>
      ) : null}
    </section>
  );
}
