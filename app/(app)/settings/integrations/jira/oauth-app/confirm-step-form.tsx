'use client';

import { useActionState } from 'react';
import { Button } from '@/components/ui/button';
import type { ActionResult } from '@/lib/actions/admin-action';
import type { AdminConfirmableStep } from '@/lib/integrations/jira/oauth/setup-checklist';
import { confirmSetupStep } from './actions';

/** "Mark as done" for a step Portico cannot see; undoes with "Mark as not done". */
export function ConfirmStepForm({ stepId, title, confirmed }: { stepId: AdminConfirmableStep; title: string; confirmed: boolean }) {
  const [state, formAction, pending] = useActionState<ActionResult | undefined, FormData>(
    () => confirmSetupStep({ stepId, confirmed: !confirmed }),
    undefined,
  );
  return (
    <form action={formAction} className="flex items-center gap-2">
      <Button type="submit" variant="secondary" className="px-2 py-1 text-xs" disabled={pending} aria-label={`${confirmed ? 'Mark as not done' : 'Mark as done'}: ${title}`}>
        {confirmed ? 'Mark as not done' : 'Mark as done'}
      </Button>
      {state && !state.ok ? (
        <p role="alert" className="text-xs text-red-700 dark:text-red-300">
          {state.error}
        </p>
      ) : null}
    </form>
  );
}
