'use server';

import { revalidatePath } from 'next/cache';
import { z } from 'zod';
import { adminAction } from '@/lib/actions/admin-action';
import { getCurrentMember } from '@/lib/auth/guards';
import { requestConnectionCheck, type CheckAnswer } from '@/lib/integrations/jira/connect/request-check';
import { disconnectConnection } from '@/lib/integrations/jira/connect/disconnect';

const connectionIdSchema = z.uuid('Choose one of your organization’s Jira connections.');

export const disconnectJira = adminAction(
  z.object({ connectionId: connectionIdSchema, deleteConfiguration: z.boolean() }),
  async ({ connectionId, deleteConfiguration }, member) => {
    const done = await disconnectConnection(member, connectionId, deleteConfiguration);
    if (!done) return { ok: false, error: 'That Jira connection does not exist in your organization.' };
    revalidatePath('/settings/integrations');
    return { ok: true, data: undefined };
  },
);

/** Any member may check a connection: it reads, changes nothing but token freshness. */
export async function checkJiraConnection(connectionId: string): Promise<CheckAnswer | { ok: false; reason: string; message: string }> {
  const member = await getCurrentMember();
  if (!member) return { ok: false, reason: 'unauthenticated', message: 'Your session has ended. Sign in again.' };
  const parsed = connectionIdSchema.safeParse(connectionId);
  if (!parsed.success) return { ok: false, reason: 'not_found', message: 'That Jira connection does not exist.' };
  const result = await requestConnectionCheck(member.orgId, parsed.data);
  revalidatePath(`/settings/integrations/jira/${parsed.data}`);
  return result;
}
