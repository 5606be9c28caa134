import 'server-only';
import { getDb } from '@/db/client';
import { getSyncTarget } from '@/db/queries/jira-sync';
import { jiraAuditEvents } from '@/db/schema';
import type { SyncActor } from '../sync-controls';
import { refusalFor } from './reconcile-connection';
import { enqueueReconcile } from './reconcile-jobs';
import { RECONCILE_REFUSALS, type ReconcileRefusal } from './reconcile-refusals';

export type ReconcileNowResult = { ok: true } | { ok: false; reason: ReconcileRefusal; message: string };

/**
 * "Reconcile now" (admins in the console, POST …/reconcile in the API): refused with Portico's reason while
 * the connection cannot be reconciled (not connected, paused, backfilling), else queued for a worker.
 */
export async function requestReconcileNow(orgId: string, connectionId: string, actor: SyncActor): Promise<ReconcileNowResult> {
  const refusal = refusalFor(await getSyncTarget(orgId, connectionId));
  if (refusal) return { ok: false, reason: refusal, message: RECONCILE_REFUSALS[refusal] };
  await getDb()
    .insert(jiraAuditEvents)
    .values({ organizationId: orgId, connectionId, actorUserId: actor.userId, action: 'reconcile_requested', detail: { via: actor.via } });
  await enqueueReconcile({ organizationId: orgId, connectionId, trigger: actor.via === 'api' ? 'api' : 'admin', actorUserId: actor.userId });
  return { ok: true };
}
