'use client';

import { useActionState, useState } from 'react';
import { Button } from '@/components/ui/button';
import type { ActionResult } from '@/lib/actions/admin-action';
import { saveOAuthApp } from './actions';

interface AppConnection {
  id: string;
  siteName: string | null;
}

type FormState = ActionResult & { clientId?: string };

const textField = (form: FormData, name: string) => {
  const value = form.get(name);
  return typeof value === 'string' ? value : '';
};

const fieldError = (state: FormState, field: string) => (state.ok ? undefined : state.fieldErrors?.[field]?.[0]);

/**
 * Client ID and secret of the organization's own app. The secret field starts empty every time:
 * Portico never sends a stored secret back, so leaving it empty keeps the saved one.
 */
/** `mustReconnectOnChange`: connections authorized with the saved app, which another client ID would strand. */
export function OAuthAppForm({ savedClientId, mustReconnectOnChange }: { savedClientId?: string; mustReconnectOnChange: AppConnection[] }) {
  const [state, formAction, pending] = useActionState<FormState, FormData>(
    async (_previous, form) => {
      const clientId = textField(form, 'clientId');
      const result = await saveOAuthApp({
        clientId,
        clientSecret: textField(form, 'clientSecret'),
        acknowledgeReconnect: form.get('acknowledgeReconnect') === 'on',
      });
      return result.ok ? { ok: true, data: undefined, message: result.message } : { ...result, clientId };
    },
    { ok: true, data: undefined },
  );
  const clientIdError = fieldError(state, 'clientId');
  const secretError = fieldError(state, 'clientSecret');
  const reconnectError = fieldError(state, 'acknowledgeReconnect');
  const enteredClientId = state.ok ? savedClientId : (state.clientId ?? savedClientId);
  const [typedClientId, setTypedClientId] = useState(savedClientId ?? '');
  // Warned before saving, as the admin types: grants belong to the app that issued them.
  const mustReconnect = typedClientId.trim() !== '' && typedClientId.trim() !== savedClientId ? mustReconnectOnChange : [];

  return (
    <form action={formAction} className="space-y-4" aria-describedby={state.ok ? undefined : 'oauth-app-form-error'}>
      <div className="space-y-1.5">
        <label htmlFor="clientId" className="text-sm font-medium text-zinc-800 dark:text-zinc-200">
          Client ID
        </label>
        <input
          id="clientId"
          name="clientId"
          key={enteredClientId ?? 'new'}
          defaultValue={enteredClientId}
          onChange={(event) => setTypedClientId(event.target.value)}
          autoComplete="off"
          spellCheck={false}
          className="input font-mono"
          aria-invalid={Boolean(clientIdError)}
          aria-describedby={clientIdError ? 'clientId-error' : undefined}
        />
        {clientIdError ? <FieldError id="clientId-error">{clientIdError}</FieldError> : null}
      </div>
      <div className="space-y-1.5">
        <label htmlFor="clientSecret" className="text-sm font-medium text-zinc-800 dark:text-zinc-200">
          Secret
        </label>
        <input
          id="clientSecret"
          name="clientSecret"
          type="password"
          autoComplete="new-password"
          className="input font-mono"
          aria-invalid={Boolean(secretError)}
          aria-describedby={secretError ? 'clientSecret-error clientSecret-hint' : 'clientSecret-hint'}
        />
        <p id="clientSecret-hint" className="text-xs text-zinc-600 dark:text-zinc-400">
          {savedClientId
            ? 'A secret is saved and is never shown again. Enter a new one only to replace it: Portico asks Atlassian to accept it first, and keeps the saved one until then.'
            : 'Portico asks Atlassian to accept the credentials before it saves them; then they are encrypted and never shown again.'}
        </p>
        {secretError ? <FieldError id="clientSecret-error">{secretError}</FieldError> : null}
      </div>
      {mustReconnect.length > 0 ? (
        <div className="space-y-2 rounded-md bg-amber-50 px-3 py-2 text-sm text-amber-900 ring-1 ring-amber-600/20 dark:bg-amber-950/50 dark:text-amber-200">
          <p id="reconnect-warning">
            {mustReconnect.length === 1 ? 'This connection was' : 'These connections were'} authorized with your current app. Their authorization
            belongs to that app, so after saving {mustReconnect.length === 1 ? 'it stops' : 'they stop'} working until an admin reconnects:
          </p>
          <ul className="list-disc pl-5">
            {mustReconnect.map((connection) => (
              <li key={connection.id}>{connection.siteName ?? 'New connection'}</li>
            ))}
          </ul>
          <label className="flex items-center gap-2 font-medium">
            <input type="checkbox" name="acknowledgeReconnect" aria-describedby={reconnectError ? 'reconnect-warning acknowledgeReconnect-error' : 'reconnect-warning'} />
            I will reconnect {mustReconnect.length === 1 ? 'it' : 'them'}
          </label>
          {reconnectError ? <FieldError id="acknowledgeReconnect-error">Tick the box to save anyway.</FieldError> : null}
        </div>
      ) : null}
      {reconnectError && mustReconnect.length === 0 ? <FieldError id="acknowledgeReconnect-error">{reconnectError}</FieldError> : null}
      {!state.ok ? (
        <p id="oauth-app-form-error" role="alert" className="rounded-md bg-red-50 px-3 py-2 text-sm text-red-800 dark:bg-red-950/60 dark:text-red-200">
          {state.error}
        </p>
      ) : state.message ? (
        <p role="status" className="text-sm text-emerald-700 dark:text-emerald-300">
          {state.message}
        </p>
      ) : null}
      <Button type="submit" disabled={pending}>
        {pending ? 'Saving…' : savedClientId ? 'Save changes' : 'Save credentials'}
      </Button>
    </form>
  );
}

function FieldError({ id, children }: { id: string; children: string }) {
  return (
    <p id={id} className="text-sm text-red-700 dark:text-red-300">
      {children}
    </p>
  );
}
