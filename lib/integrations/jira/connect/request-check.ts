import 'server-only';
import { runOnceAtATime } from '@/db/advisory-lock';
import { getLastConnectionCheck, saveConnectionCheck, type LastConnectionCheck } from '@/db/queries/jira-connection-checks';
import { checkConnection, type ConnectionCheck } from './check-connection';

/** A check within this long of the last one (same connection, unchanged since) gets that answer back. */
export const CHECK_MIN_INTERVAL_MS = 15_000;
const MAX_WAIT_MS = 60_000;

export type CheckAnswer = ConnectionCheck & {
  checkedAt: string;
  /** Set when no new Jira call was made for this request, with the sentence to show. */
  reused?: { reason: 'joined' | 'throttled' | 'busy'; message: string; retryAfterSecs?: number };
};

/**
 * "Check connection" for members (route and server action): one Jira call per connection at a time
 * across processes (session advisory lock), callers arriving meanwhile share its answer, and checks
 * within CHECK_MIN_INTERVAL_MS of the last one get it back instead of calling Jira again.
 */
export async function requestConnectionCheck(orgId: string, connectionId: string): Promise<CheckAnswer> {
  const first = await getLastConnectionCheck(orgId, connectionId);
  // Throttled without touching the lock; decided again under it.
  if (first?.current && first.ageMs < CHECK_MIN_INTERVAL_MS) return reuse(first, 'throttled');
  const flight = await runOnceAtATime({ namespace: 'connection_check', id: connectionId }, {
    read: () => getLastConnectionCheck(orgId, connectionId),
    stampOf: stamp,
    seen: stamp(first),
    wait: true,
    deadline: Date.now() + MAX_WAIT_MS,
    work: async (last): Promise<CheckAnswer> => {
      if (last?.current && last.ageMs < CHECK_MIN_INTERVAL_MS) return reuse(last, 'throttled');
      const result = await checkConnection(orgId, connectionId);
      await saveConnectionCheck(orgId, connectionId, result);
      return { ...result, checkedAt: new Date().toISOString() };
    },
  });
  if (flight.kind === 'ran') return flight.value;
  if (flight.kind === 'joined' && flight.row) return reuse(flight.row, 'joined');
  const message = 'Another check of this connection is still running. Try again in a minute.';
  return { ok: false, reason: 'busy', message, checkedAt: new Date().toISOString(), reused: { reason: 'busy', message } };
}

const stamp = (last: LastConnectionCheck | undefined) => last?.checkedAt.getTime() ?? null;

function reuse(last: LastConnectionCheck, reason: 'joined' | 'throttled'): CheckAnswer {
  const secsAgo = Math.max(0, Math.floor(last.ageMs / 1000));
  const retryAfterSecs = Math.max(1, Math.ceil((CHECK_MIN_INTERVAL_MS - Math.max(0, last.ageMs)) / 1000));
  const answer = { ...last.result, checkedAt: last.checkedAt.toISOString() };
  if (reason === 'joined') {
    return { ...answer, reused: { reason, message: 'Another check of this connection was running; this is its answer.' } };
  }
  const ago = secsAgo === 1 ? '1 second' : `${secsAgo} seconds`;
  return { ...answer, reused: { reason, message: `Checked ${ago} ago; check again in ${retryAfterSecs} s.`, retryAfterSecs } };
}
