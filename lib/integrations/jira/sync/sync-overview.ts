import 'server-only';

export type SyncPhase = 'not_started' | 'backfilling' | 'up_to_date' | 'paused' | 'failing' | 'disconnected';

/** What the connection page's Sync section and the API's connection GET show about a connection's sync. */
export interface SyncOverview {
  phase: SyncPhase;
  paused: boolean;
  backfill: { done: number; totalEstimate: number | null; startedAt: Date | null; completedAt: Date | null };
  lastSuccessAt: Date | null;
  nextSyncAt: Date | null;
  refreshIntervalSecs: number;
  failure: { kind: string; message: string; remedy: string; since: Date | null } | null;
  countsByStandardStatus: Record<string, number>;
  ticketCount: number;
}

/** Null when the organization has no such connection. (Stub: the real one lands with the sync engine.) */
export async function getSyncOverview(orgId: string, connectionId: string): Promise<SyncOverview | null> {
  await Promise.resolve([orgId, connectionId]);
  return null;
}
