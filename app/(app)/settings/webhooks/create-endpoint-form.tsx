'use client';

import { useState, useTransition } from 'react';
import { Button } from '@/components/ui/button';
import { CopyButton } from '@/components/ui/copy-button';
import { CONNECTION_EVENT_TYPES, type ConnectionEventType } from '@/lib/events/event-types';
import { createWebhookEndpointAction } from './actions';

const DEFAULT_TYPES: ConnectionEventType[] = ['connection.authorized', 'connection.needs_reconnect', 'connection.health_changed'];

/** URL + event types → endpoint. The signing secret is shown once, here, with a copy button. */
export function CreateEndpointForm() {
  const [url, setUrl] = useState('');
  const [types, setTypes] = useState<ConnectionEventType[]>(DEFAULT_TYPES);
  const [errors, setErrors] = useState<{ url?: string; eventTypes?: string; form?: string }>({});
  const [created, setCreated] = useState<{ url: string; secret: string }>();
  const [pending, startTransition] = useTransition();

  const toggle = (type: ConnectionEventType) => setTypes((current) => (current.includes(type) ? current.filter((value) => value !== type) : [...current, type]));

  return (
    <section aria-labelledby="create-endpoint-title" className="space-y-4 rounded-xl border border-zinc-200 bg-white p-5 shadow-sm dark:border-zinc-800 dark:bg-zinc-900">
      <h2 id="create-endpoint-title" className="font-semibold">
        Add an endpoint
      </h2>
      <form
        className="space-y-4"
        onSubmit={(event) => {
          event.preventDefault();
          startTransition(async () => {
            const result = await createWebhookEndpointAction({ url, eventTypes: types });
            if (!result.ok) {
              return setErrors({ url: result.fieldErrors?.url?.[0], eventTypes: result.fieldErrors?.eventTypes?.[0], form: result.fieldErrors ? undefined : result.error });
            }
            setErrors({});
            setCreated(result.data);
            setUrl('');
          });
        }}
      >
        <div>
          <label htmlFor="endpoint-url" className="block text-sm font-medium">
            Endpoint URL
          </label>
          <input
            id="endpoint-url"
            type="url"
            value={url}
            onChange={(event) => setUrl(event.target.value)}
            placeholder="https://example.com/webhooks/portico"
            aria-invalid={errors.url ? true : undefined}
            aria-describedby={errors.url ? 'endpoint-url-error' : undefined}
            className="mt-1 w-full rounded-md border-0 bg-white px-3 py-2 text-sm ring-1 ring-inset ring-zinc-300 dark:bg-zinc-950 dark:ring-zinc-700"
          />
          {errors.url ? (
            <p id="endpoint-url-error" role="alert" className="mt-1 text-sm text-red-700 dark:text-red-300">
              {errors.url}
            </p>
          ) : null}
        </div>
        <fieldset aria-describedby={errors.eventTypes ? 'endpoint-types-error' : undefined}>
          <legend className="text-sm font-medium">Event types</legend>
          <div className="mt-2 grid gap-x-4 gap-y-1 sm:grid-cols-2 lg:grid-cols-3">
            {CONNECTION_EVENT_TYPES.map((type) => (
              <label key={type} className="flex items-center gap-2 text-sm">
                <input type="checkbox" checked={types.includes(type)} onChange={() => toggle(type)} className="size-4 rounded border-zinc-300 dark:border-zinc-700" />
                <code className="text-xs">{type}</code>
              </label>
            ))}
          </div>
          {errors.eventTypes ? (
            <p id="endpoint-types-error" role="alert" className="mt-1 text-sm text-red-700 dark:text-red-300">
              {errors.eventTypes}
            </p>
          ) : null}
        </fieldset>
        <Button type="submit" disabled={pending}>
          {pending ? 'Adding…' : 'Add endpoint'}
        </Button>
        {errors.form ? (
          <p role="alert" className="text-sm text-red-700 dark:text-red-300">
            {errors.form}
          </p>
        ) : null}
      </form>
      {created ? <SecretOnce title={`Endpoint ${created.url} added. Copy its signing secret now: Portico shows it only once.`} secret={created.secret} /> : null}
    </section>
  );
}

export function SecretOnce({ title, secret }: { title: string; secret: string }) {
  return (
    <div role="status" className="space-y-2 rounded-lg bg-emerald-50 px-4 py-3 text-sm text-emerald-950 ring-1 ring-inset ring-emerald-600/20 dark:bg-emerald-950/50 dark:text-emerald-100">
      <p className="font-medium">{title}</p>
      <div className="flex flex-wrap items-center gap-2">
        <code aria-label="Signing secret" className="break-all rounded bg-white px-2 py-1 font-mono text-xs ring-1 ring-emerald-600/20 dark:bg-zinc-950">
          {secret}
        </code>
        <CopyButton value={secret} label="Copy secret">
          Copy secret
        </CopyButton>
      </div>
    </div>
  );
}
