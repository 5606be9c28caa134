'use server';

import { revalidatePath } from 'next/cache';
import { z } from 'zod';
import { adminAction } from '@/lib/actions/admin-action';
import { runDiagnostics as runConnectionDiagnostics } from '@/lib/integrations/jira/diagnostics';

/**
 * Admins only: a run refreshes the grant and calls Atlassian. Members read the stored results.
 * `verifyCredentials` ("Verify credentials") also asks Atlassian about the app's client credentials
 * when a recent token request already proved them (credentials-policy.ts).
 */
export const runDiagnostics = adminAction(
  z.object({
    connectionId: z.uuid('Choose one of your organization’s Jira connections.'),
    verifyCredentials: z.boolean('Say whether to verify the credentials.').optional(),
  }),
  async ({ connectionId, verifyCredentials }, member) => {
    const run = await runConnectionDiagnostics(member.orgId, connectionId, {
      trigger: 'manual',
      actorUserId: member.userId,
      verifyCredentials: verifyCredentials === true,
    });
    if (!run) return { ok: false, error: 'That Jira connection does not exist in your organization.' };
    revalidatePath(`/settings/integrations/jira/${connectionId}`, 'layout');
    revalidatePath('/settings/integrations');
    return { ok: true, data: { outcome: run.outcome } };
  },
);
