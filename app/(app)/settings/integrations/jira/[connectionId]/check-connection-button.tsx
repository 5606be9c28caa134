'use client';

import { useState, useTransition } from 'react';
import { Button } from '@/components/ui/button';
import { checkJiraConnection } from './actions';

export function CheckConnectionButton({ connectionId }: { connectionId: string }) {
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
            setResult(check.ok ? { ok: true, text: `Jira answered as ${check.accountName}.` } : { ok: false, text: check.message });
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
