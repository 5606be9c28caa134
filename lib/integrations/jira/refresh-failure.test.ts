import { describe, expect, it } from 'vitest';
import { currentRefreshFailure } from './refresh-failure';

const at = (minute: number) => new Date(Date.UTC(2026, 11, 2, 6, minute));

describe('currentRefreshFailure', () => {
  it('hides a failure a successful reconnect cleared (no reason left, never "<date> ()")', () => {
    expect(currentRefreshFailure({ lastRefreshedAt: at(10), lastRefreshFailedAt: at(5), lastRefreshError: null })).toBeUndefined();
  });

  it('hides a failure older than the last successful refresh even if a code stayed behind', () => {
    expect(currentRefreshFailure({ lastRefreshedAt: at(10), lastRefreshFailedAt: at(5), lastRefreshError: 'unavailable' })).toBeUndefined();
  });

  it('shows a current failure with its reason in words', () => {
    expect(currentRefreshFailure({ lastRefreshedAt: at(1), lastRefreshFailedAt: at(5), lastRefreshError: 'grant_refused' })).toEqual({
      at: at(5),
      reason: 'Atlassian refused the refresh token (expired, revoked or replaced)',
    });
    expect(currentRefreshFailure({ lastRefreshedAt: null, lastRefreshFailedAt: at(5), lastRefreshError: 'some_new_code' })?.reason).toBe('some new code');
  });

  it('shows nothing without a grant or a failure', () => {
    expect(currentRefreshFailure(undefined)).toBeUndefined();
    expect(currentRefreshFailure({ lastRefreshedAt: at(1), lastRefreshFailedAt: null, lastRefreshError: null })).toBeUndefined();
  });
});
