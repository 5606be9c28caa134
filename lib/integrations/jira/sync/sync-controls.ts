import 'server-only';

/** Who asked: a console user, or an API key (userId null). Recorded in the audit event. */
export interface SyncActor {
  userId: string | null;
  via: 'console' | 'api';
}

export type SyncNowResult = { ok: true } | { ok: false; reason: 'paused' | 'not_connected' };
export type SyncControlResult = { ok: true } | { ok: false; reason: 'not_found' } | { ok: false; reason: 'invalid_interval'; message: string };

// Stubs with the final signatures, so the UI and API can be built against them; the sync engine fills them in.

export async function requestSyncNow(orgId: string, connectionId: string, actor: SyncActor): Promise<SyncNowResult> {
  await Promise.resolve([orgId, connectionId, actor]);
  return { ok: false, reason: 'not_connected' };
}

export async function setSyncPaused(orgId: string, connectionId: string, paused: boolean, actor: SyncActor): Promise<SyncControlResult> {
  await Promise.resolve([orgId, connectionId, paused, actor]);
  return { ok: false, reason: 'not_found' };
}

export async function setRefreshInterval(orgId: string, connectionId: string, secs: number, actor: SyncActor): Promise<SyncControlResult> {
  await Promise.resolve([orgId, connectionId, secs, actor]);
  return { ok: false, reason: 'not_found' };
}
