'use client';

import { useRouter } from 'next/navigation';
import { useState, useTransition } from 'react';
import { Button } from '@/components/ui/button';
import { checkJiraConnection } from './actions';

export function CheckConnectionButton({ connectionId }: { connectionId: string }) {
  const router = useRouter();
  const [pending, startTransition] = useTransition();
  const [result, setResult] = useState<{ ok: boolean; text: string }>();
  return (
    <div className="flex flex-col items-start gap-2">
      <Button
        type="button"
        variant="secondary"
        disabled={pending}
        onClick={() =>
          startTransition(async () => {
            const check = await checkJiraConnection(connectionId);
            const text = check.ok ? `Jira answered as ${check.accountName}.` : check.message;
            // A throttled check answers with the last result: say how old it is.
            const note = 'reused' in check && check.reused?.reason === 'throttled' ? ` ${check.reused.message}` : '';
            setResult({ ok: check.ok, text: `${text}${note}` });
            // A refused check changes the connection's status: the header must say so too.
            if (!check.ok) router.refresh();
          })
        }
      >
        {pending ? 'Checking…' : 'Check connection'}
      </Button>
      {result ? (
        <p role="status" className={`text-sm ${result.ok ? 'text-emerald-700 dark:text-emerald-300' : 'text-red-700 dark:text-red-300'}`}>
          {result.text}
        </p>
      ) : null}
    </div>
  );
}
