'use client';

import { useState, useTransition } from 'react';
import { Button } from '@/components/ui/button';
import { retryBackgroundJobAction } from './actions';
import { useAnnounceRetry } from './retry-announcer';

export function RetryJobButton({ jobId, label }: { jobId: string; label: string }) {
  const [pending, startTransition] = useTransition();
  const [result, setResult] = useState<{ ok: boolean; text: string }>();
  const announce = useAnnounceRetry();
  return (
    <div className="flex flex-col items-end gap-1">
      <Button
        type="button"
        variant="secondary"
        disabled={pending || result?.ok === true}
        aria-label={`Retry ${label}`}
        onClick={() =>
          startTransition(async () => {
            const answer = await retryBackgroundJobAction({ jobId });
            if (answer.ok) announce(`Retried “${label}”. ${answer.message ?? ''}`);
            setResult(answer.ok ? { ok: true, text: answer.message ?? 'Queued again.' } : { ok: false, text: answer.error });
          })
        }
      >
        {pending ? 'Retrying…' : 'Retry'}
      </Button>
      {result ? (
        <p role="status" className={`max-w-56 text-right text-xs ${result.ok ? 'text-emerald-700 dark:text-emerald-300' : 'text-red-700 dark:text-red-300'}`}>
          {result.text}
        </p>
      ) : null}
    </div>
  );
}
