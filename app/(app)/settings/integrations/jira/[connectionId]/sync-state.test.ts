import { describe, expect, it } from 'vitest';
import { syncRefetchInterval } from './sync-state';

describe('syncRefetchInterval', () => {
  it('follows a backfill closely, keeps an up-to-date or failing sync fresh, and leaves a stopped one alone', () => {
    expect(syncRefetchInterval('backfilling')).toBe(2_000);
    expect(syncRefetchInterval('not_started')).toBe(2_000);
    // "Next sync" passes on its own: the section must not show a time in the past for long.
    expect(syncRefetchInterval('up_to_date')).toBe(30_000);
    expect(syncRefetchInterval('failing')).toBe(30_000);
    expect(syncRefetchInterval('paused')).toBe(false);
    expect(syncRefetchInterval('disconnected')).toBe(false);
  });
});
