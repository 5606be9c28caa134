'use client';

import { useRouter } from 'next/navigation';
import { useState, useTransition } from 'react';
import { Button, type ButtonVariant } from '@/components/ui/button';
import { runDiagnostics } from './actions';

export function RunDiagnosticsButton({
  connectionId,
  label = 'Run diagnostics',
  variant = 'primary',
  verifyCredentials = false,
  pendingLabel = 'Running diagnostics…',
}: {
  connectionId: string;
  label?: string;
  variant?: ButtonVariant;
  /** "Verify credentials": the run also asks Atlassian about the OAuth app's client ID and secret. */
  verifyCredentials?: boolean;
  pendingLabel?: string;
}) {
  const router = useRouter();
  const [pending, startTransition] = useTransition();
  const [error, setError] = useState<string>();
  return (
    <div className="flex flex-col items-start gap-2">
      <Button
        type="button"
        variant={variant}
        disabled={pending}
        onClick={() =>
          startTransition(async () => {
            setError(undefined);
            const result = await runDiagnostics({ connectionId, verifyCredentials });
            if (!result.ok) setError(result.error);
            else router.refresh();
          })
        }
      >
        {pending ? pendingLabel : label}
      </Button>
      {error ? (
        <p role="alert" className="text-sm text-red-700 dark:text-red-300">
          {error}
        </p>
      ) : null}
    </div>
  );
}
