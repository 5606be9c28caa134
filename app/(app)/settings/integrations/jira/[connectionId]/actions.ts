'use server';

import { revalidatePath } from 'next/cache';
import { z } from 'zod';
import { adminAction } from '@/lib/actions/admin-action';
import { getCurrentMember } from '@/lib/auth/guards';
import { requestConnectionCheck, type CheckAnswer } from '@/lib/integrations/jira/connect/request-check';
import { disconnectConnection } from '@/lib/integrations/jira/connect/disconnect';
import { requestReconcileNow } from '@/lib/integrations/jira/sync/reconcile/request-reconcile';
import { refreshIntervalSchema } from '@/lib/integrations/jira/sync/refresh-interval';
import { requestSyncNow, setRefreshInterval, setSyncPaused } from '@/lib/integrations/jira/sync/sync-controls';
import { formatInterval } from '@/lib/format/interval';

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

const SYNC_REFUSED = {
  paused: 'The sync is paused. Resume it first.',
  not_connected: 'This connection is not connected to Jira. Reconnect it first.',
} as const;

/** "Sync now": the next sync step runs at once. */
export const syncJiraNow = adminAction(z.object({ connectionId: connectionIdSchema }), async ({ connectionId }, member) => {
  const result = await requestSyncNow(member.orgId, connectionId, { userId: member.userId, via: 'console' });
  if (!result.ok) return { ok: false, error: SYNC_REFUSED[result.reason] };
  revalidatePath(`/settings/integrations/jira/${connectionId}`);
  return { ok: true, data: undefined, message: 'Sync started. New and changed issues arrive in a moment.' };
});

/** "Reconcile now": compare Jira's issue ids with Portico's tickets in the background (refused while backfilling). */
export const reconcileJiraNow = adminAction(z.object({ connectionId: connectionIdSchema }), async ({ connectionId }, member) => {
  const result = await requestReconcileNow(member.orgId, connectionId, { userId: member.userId, via: 'console' });
  if (!result.ok) return { ok: false, error: result.message };
  return { ok: true, data: undefined, message: 'Reconciliation started. The report below updates when it finishes.' };
});

export const setJiraSyncPaused = adminAction(
  z.object({ connectionId: connectionIdSchema, paused: z.boolean() }),
  async ({ connectionId, paused }, member) => {
    const result = await setSyncPaused(member.orgId, connectionId, paused, { userId: member.userId, via: 'console' });
    if (!result.ok) return { ok: false, error: 'That Jira connection does not exist in your organization.' };
    revalidatePath(`/settings/integrations/jira/${connectionId}`);
    return { ok: true, data: undefined, message: paused ? 'Sync paused: Portico makes no Jira call for this site until you resume.' : 'Sync resumed.' };
  },
);

export const saveRefreshInterval = adminAction(
  z.object({ connectionId: connectionIdSchema, refreshIntervalSecs: refreshIntervalSchema }),
  async ({ connectionId, refreshIntervalSecs }, member) => {
    const result = await setRefreshInterval(member.orgId, connectionId, refreshIntervalSecs, { userId: member.userId, via: 'console' });
    if (!result.ok) return { ok: false, error: result.reason === 'invalid_interval' ? result.message : 'That Jira connection does not exist in your organization.' };
    revalidatePath(`/settings/integrations/jira/${connectionId}`);
    const every = formatInterval(refreshIntervalSecs);
    return {
      ok: true,
      data: undefined,
      message: result.unchanged ? `The sync already runs ${every}: nothing changed.` : `Saved: the sync now runs ${every}, and the next sync is planned from it.`,
    };
  },
);
