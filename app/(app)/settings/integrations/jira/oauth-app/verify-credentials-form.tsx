'use client';

import { useActionState } from 'react';
import { Button } from '@/components/ui/button';
import type { ActionResult } from '@/lib/actions/admin-action';
import { verifyOAuthAppCredentials } from './actions';

type VerifyState = ActionResult<{ result: string }> | undefined;

const HEADLINES: Record<string, { text: string; tone: string }> = {
  accepted: { text: 'Verified: Atlassian accepts this client ID and secret.', tone: 'text-emerald-800 dark:text-emerald-300' },
  rejected: { text: 'Rejected: Atlassian does not accept this client ID and secret.', tone: 'text-red-800 dark:text-red-300' },
  unreachable: { text: 'Not verified: Atlassian could not be reached. Try again in a minute.', tone: 'text-amber-800 dark:text-amber-300' },
  unexpected: { text: 'Not verified: Atlassian gave an unexpected answer.', tone: 'text-red-800 dark:text-red-300' },
};

/** "Verify credentials": asks Atlassian's token endpoint about the saved app (check 1). */
export function VerifyCredentialsForm() {
  const [state, formAction, pending] = useActionState<VerifyState, FormData>(() => verifyOAuthAppCredentials({}), undefined);
  const headline = state?.ok ? HEADLINES[state.data.result] : undefined;
  return (
    <form action={formAction} className="space-y-2">
      <Button type="submit" variant="secondary" disabled={pending}>
        {pending ? 'Asking Atlassian…' : 'Verify credentials'}
      </Button>
      <div role="status" aria-label="Verification result" className="space-y-1 text-sm">
        {state && !state.ok ? <p className="text-red-800 dark:text-red-300">{state.error}</p> : null}
        {headline ? <p className={`font-medium ${headline.tone}`}>{headline.text}</p> : null}
        {state?.ok && state.data.result === 'rejected' ? (
          <p className="text-zinc-700 dark:text-zinc-300">
            Copy the secret again from the Settings page of your app in the developer console, paste it above and save. If it is still
            rejected, the client ID is wrong.
          </p>
        ) : null}
        {state?.ok && state.message ? <p className="text-xs text-zinc-600 dark:text-zinc-400">{state.message}</p> : null}
      </div>
    </form>
  );
}
