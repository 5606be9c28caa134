'use client';

import { useRouter } from 'next/navigation';
import { useState, useTransition } from 'react';
import { Button } from '@/components/ui/button';
import { ConfirmDialog } from '@/components/ui/confirm-dialog';
import { deleteWebhookEndpointAction, redeliverWebhookAction, rotateWebhookSecretAction, sendTestWebhookAction, setWebhookEndpointEnabledAction } from './actions';
import { SecretOnce } from './create-endpoint-form';

/** Send test event, enable/disable, rotate (new secret shown once) and delete, for one endpoint. */
export function EndpointControls({ endpointId, url, enabled }: { endpointId: string; url: string; enabled: boolean }) {
  const router = useRouter();
  const [message, setMessage] = useState<{ text: string; error: boolean }>();
  const [secret, setSecret] = useState<string>();
  const [pending, startTransition] = useTransition();

  const run = (action: () => Promise<{ ok: true; message?: string } | { ok: false; error: string }>) =>
    startTransition(async () => {
      const result = await action();
      setMessage(result.ok ? (result.message ? { text: result.message, error: false } : undefined) : { text: result.error, error: true });
    });

  return (
    <div className="space-y-3">
      <div className="flex flex-wrap gap-2">
        <Button type="button" variant="secondary" disabled={pending || !enabled} onClick={() => run(() => sendTestWebhookAction({ endpointId }))}>
          Send test event
        </Button>
        <Button type="button" variant="secondary" disabled={pending} onClick={() => run(() => setWebhookEndpointEnabledAction({ endpointId, enabled: !enabled }))}>
          {enabled ? 'Disable' : 'Enable'}
        </Button>
        <Button
          type="button"
          variant="secondary"
          disabled={pending}
          onClick={() =>
            startTransition(async () => {
              const result = await rotateWebhookSecretAction({ endpointId });
              if (result.ok) {
                setSecret(result.data.secret);
                setMessage(undefined);
              } else setMessage({ text: result.error, error: true });
            })
          }
        >
          Rotate secret
        </Button>
        <Button type="button" variant="ghost" disabled={pending} onClick={() => router.refresh()}>
          Refresh log
        </Button>
        <ConfirmDialog
          trigger={{ label: 'Delete', variant: 'ghost', ariaLabel: `Delete endpoint ${url}` }}
          title="Delete this endpoint?"
          cancelLabel="Keep endpoint"
          confirmLabel="Delete endpoint"
          pendingLabel="Deleting…"
          onConfirm={() => deleteWebhookEndpointAction({ endpointId })}
        >
          <p>
            Portico stops sending events to <code className="break-all">{url}</code> and forgets its delivery log.
          </p>
        </ConfirmDialog>
      </div>
      {message ? (
        <p role={message.error ? 'alert' : 'status'} className={`text-sm ${message.error ? 'text-red-700 dark:text-red-300' : 'text-zinc-700 dark:text-zinc-300'}`}>
          {message.text}
        </p>
      ) : null}
      {secret ? <SecretOnce title="New signing secret. The previous one keeps signing beside it for 24 hours; copy this one now, it is shown only once." secret={secret} /> : null}
    </div>
  );
}

export function RedeliverButton({ endpointId, deliveryId }: { endpointId: string; deliveryId: string }) {
  const [error, setError] = useState<string>();
  const [pending, startTransition] = useTransition();
  return (
    <span className="inline-flex items-center gap-2">
      <Button
        type="button"
        variant="ghost"
        className="px-2 py-1"
        disabled={pending}
        onClick={() =>
          startTransition(async () => {
            const result = await redeliverWebhookAction({ endpointId, deliveryId });
            setError(result.ok ? undefined : result.error);
          })
        }
      >
        {pending ? 'Queuing…' : 'Redeliver'}
      </Button>
      {error ? (
        <span role="alert" className="text-xs text-red-700 dark:text-red-300">
          {error}
        </span>
      ) : null}
    </span>
  );
}

