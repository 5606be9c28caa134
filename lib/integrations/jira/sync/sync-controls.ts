import 'server-only';
import { and, eq } from 'drizzle-orm';
import { getDb } from '@/db/client';
import { ensureSyncState } from '@/db/queries/jira-sync';
import { jiraAuditEvents, jiraConnections, jiraSyncStates } from '@/db/schema';
import { enqueueDeferredDeliveries } from '../webhooks/delivery-job';
import { refreshIntervalSchema } from './refresh-interval';
import { scheduleSyncNow } from './sync-schedule';

/** Who asked: a console user, or an API key (userId null). Recorded in the audit event. */
export interface SyncActor {
  userId: string | null;
  via: 'console' | 'api';
}

export type SyncNowResult = { ok: true } | { ok: false; reason: 'paused' | 'not_connected' };
export type SyncControlResult = { ok: true; unchanged?: boolean } | { ok: false; reason: 'not_found' } | { ok: false; reason: 'invalid_interval'; message: string };

async function findConnection(orgId: string, connectionId: string) {
  const [row] = await getDb()
    .select({ status: jiraConnections.status, paused: jiraSyncStates.paused })
    .from(jiraConnections)
    .leftJoin(jiraSyncStates, eq(jiraSyncStates.connectionId, jiraConnections.id))
    .where(and(eq(jiraConnections.organizationId, orgId), eq(jiraConnections.id, connectionId)));
  return row;
}

async function audit(orgId: string, connectionId: string, actor: SyncActor, action: string, detail: Record<string, unknown> = {}) {
  await getDb().insert(jiraAuditEvents).values({ organizationId: orgId, connectionId, actorUserId: actor.userId, action, detail: { ...detail, via: actor.via } });
}

/** "Sync now": the next step runs at once instead of at the next interval. */
export async function requestSyncNow(orgId: string, connectionId: string, actor: SyncActor): Promise<SyncNowResult> {
  const connection = await findConnection(orgId, connectionId);
  if (!connection || connection.status !== 'connected') return { ok: false, reason: 'not_connected' };
  if (connection.paused) return { ok: false, reason: 'paused' };
  await ensureSyncState(orgId, connectionId);
  await audit(orgId, connectionId, actor, 'sync_requested');
  await scheduleSyncNow(orgId, connectionId);
  return { ok: true };
}

/** Pausing stops every Jira call of the sync (each step reads the flag before calling); resuming syncs at once. */
export async function setSyncPaused(orgId: string, connectionId: string, paused: boolean, actor: SyncActor): Promise<SyncControlResult> {
  const connection = await findConnection(orgId, connectionId);
  if (!connection) return { ok: false, reason: 'not_found' };
  await ensureSyncState(orgId, connectionId);
  await getDb()
    .update(jiraSyncStates)
    .set({ paused, updatedAt: new Date(), ...(paused ? { nextRunAt: null } : {}) })
    .where(and(eq(jiraSyncStates.organizationId, orgId), eq(jiraSyncStates.connectionId, connectionId)));
  if ((connection.paused ?? false) !== paused) await audit(orgId, connectionId, actor, paused ? 'sync_paused' : 'sync_resumed');
  if (!paused && connection.status === 'connected') {
    await scheduleSyncNow(orgId, connectionId);
    // Webhook deliveries received while paused were stored, not applied (docs/decisions/015-jira-webhooks.md).
    await enqueueDeferredDeliveries(orgId, connectionId);
  }
  return { ok: true };
}

/** The poll interval (60 s to 24 h); the next poll is planned from it. */
export async function setRefreshInterval(orgId: string, connectionId: string, secs: number, actor: SyncActor): Promise<SyncControlResult> {
  const parsed = refreshIntervalSchema.safeParse(secs);
  if (!parsed.success) return { ok: false, reason: 'invalid_interval', message: parsed.error.issues[0]?.message ?? 'Invalid refresh interval.' };
  const [current] = await getDb()
    .select({ secs: jiraConnections.refreshIntervalSecs })
    .from(jiraConnections)
    .where(and(eq(jiraConnections.organizationId, orgId), eq(jiraConnections.id, connectionId)));
  if (!current) return { ok: false, reason: 'not_found' };
  // Saving the interval already in force changes nothing: no write, no audit event, and the admin is told so.
  if (current.secs === parsed.data) return { ok: true, unchanged: true };
  const rows = await getDb()
    .update(jiraConnections)
    .set({ refreshIntervalSecs: parsed.data, updatedAt: new Date() })
    .where(and(eq(jiraConnections.organizationId, orgId), eq(jiraConnections.id, connectionId)))
    .returning({ status: jiraConnections.status });
  if (rows.length === 0) return { ok: false, reason: 'not_found' };
  await audit(orgId, connectionId, actor, 'refresh_interval_changed', { refreshIntervalSecs: parsed.data });
  return { ok: true };
}
