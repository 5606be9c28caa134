import { describe, expect, it } from 'vitest';
import type { ReconciliationResponse, SyncStateResponse } from '@/lib/api/v1/sync-schemas';
import { syncRefetchInterval } from './sync-state';

const NOW = Date.parse('2026-12-02T12:00:00Z');

function sync(state: SyncStateResponse['state'], reconciliation: Partial<ReconciliationResponse> | null = null): SyncStateResponse {
  return { state, reconciliation } as SyncStateResponse;
}

describe('syncRefetchInterval', () => {
  it('follows a backfill closely, keeps an up-to-date or failing sync fresh, and leaves a stopped one alone', () => {
    expect(syncRefetchInterval(sync('backfilling'), null, NOW)).toBe(2_000);
    expect(syncRefetchInterval(sync('not_started'), null, NOW)).toBe(2_000);
    // "Next sync" passes on its own: the section must not show a time in the past for long.
    expect(syncRefetchInterval(sync('up_to_date'), null, NOW)).toBe(30_000);
    expect(syncRefetchInterval(sync('failing'), null, NOW)).toBe(30_000);
    expect(syncRefetchInterval(sync('paused'), null, NOW)).toBe(false);
    expect(syncRefetchInterval(sync('disconnected'), null, NOW)).toBe(false);
  });

  it('follows a reconciliation that runs, or that an admin just asked for, until a run started since has finished', () => {
    expect(syncRefetchInterval(sync('up_to_date', { state: 'running' }), null, NOW)).toBe(2_000);
    const askedAt = NOW - 10_000;
    const earlier = { state: 'completed', started_at: new Date(askedAt - 3_600_000).toISOString() } as const;
    expect(syncRefetchInterval(sync('up_to_date', earlier), askedAt, NOW)).toBe(2_000);
    const since = { state: 'completed', started_at: new Date(askedAt + 1_000).toISOString() } as const;
    expect(syncRefetchInterval(sync('up_to_date', since), askedAt, NOW)).toBe(30_000);
    // Never more than two minutes of fast polling for a run that does not come.
    expect(syncRefetchInterval(sync('up_to_date', earlier), NOW - 121_000, NOW)).toBe(30_000);
  });
});
