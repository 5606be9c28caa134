import 'server-only';
import { isJiraError } from '../client';
import { GrantUnusableError } from '../token-store';
import type { CallFact } from './facts';
import { log } from '@/lib/observability/request-context';

/** One call's outcome as a fact: a value, or the classified failure (never a body or a token). */
export async function callFact<T>(call: () => Promise<T>): Promise<CallFact<T>> {
  try {
    return { outcome: 'ok', value: await call() };
  } catch (error) {
    if (isJiraError(error)) {
      return {
        outcome: 'error',
        kind: error.kind,
        status: error.status,
        rateLimitReason: error.rateLimitReason,
        retryAfterSecs: error.retryAfterSecs,
      };
    }
    if (error instanceof GrantUnusableError) {
      const kind =
        error.reason === 'atlassian_unavailable'
          ? 'upstream'
          : error.reason === 'rate_limited'
            ? 'rate_limited'
            : 'token_unusable';
      return { outcome: 'error', kind };
    }
    log().error({ err: error }, 'diagnostics call failed unexpectedly');
    return { outcome: 'error', kind: 'unexpected' };
  }
}
