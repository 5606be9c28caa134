// Whether a run forces a token refresh. Pure, table-tested.
import type { DiagnosticTrigger } from './types';

/** A refresh this recent already proves the grant alive (and has reset Atlassian's 90-day idle clock). */
export const RECENT_REFRESH_MS = 60 * 60 * 1000;

export type RefreshDecision =
  | { force: true; reason: 'manual' | 'not_refreshed_recently' }
  | { force: false; reason: 'fresh_consent' | 'refreshed_recently' };

/**
 * Right after a consent the tokens are minutes old. Manual runs always prove the grant now. Scheduled
 * and API runs refresh only when the last refresh is over an hour old: otherwise every run (and every
 * connection sharing one grant) would cost a token request that proves nothing new.
 */
export function refreshDecision(trigger: DiagnosticTrigger, lastRefreshedAt: Date | null, now: Date): RefreshDecision {
  if (trigger === 'after_connect' || trigger === 'after_reconnect') return { force: false, reason: 'fresh_consent' };
  if (trigger === 'manual') return { force: true, reason: 'manual' };
  if (lastRefreshedAt && now.getTime() - lastRefreshedAt.getTime() < RECENT_REFRESH_MS) {
    return { force: false, reason: 'refreshed_recently' };
  }
  return { force: true, reason: 'not_refreshed_recently' };
}
