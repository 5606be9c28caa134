import type { JiraErrorKind } from './errors';

/** One HTTP round trip, reported to `onCall`. Never carries a token or a body. */
export type JiraCallEvent = {
  operation: string;
  /** 0 when no response arrived (network error or timeout). */
  status: number;
  durationMs: number;
  /** 1 for the first try; retries after a refresh, a 429 or a 5xx count up. */
  attempt: number;
  errorKind?: JiraErrorKind;
  rateLimitReason?: string;
  /** Raw X-RateLimit-Reset, as Jira sent it (see errors.ts). */
  rateLimitReset?: string;
  retryAfterSecs?: number;
  /** Atlassian's request ids (x-arequestid, atl-traceid) when it sent them. */
  atlassianRequestId?: string;
  atlassianTraceId?: string;
};

/**
 * `rejectedToken` is the token Jira just refused with a 401: the store refreshes only if it still
 * holds that token and a refresh can help (grant-coverage.ts), so a burst of 401s after someone
 * else's refresh, or from a site the grant does not reach, costs no refresh. Handing the rejected
 * token back means "nothing better": the 401 stands.
 */
export type GetAccessToken = (opts: { forceRefresh: boolean; rejectedToken?: string }) => Promise<string>;

export type Transport = {
  getAccessToken: GetAccessToken;
  fetch: typeof fetch;
  timeoutMs: number;
  /** 429s are retried at most `maxRetries` times, and only when the wait is at most `maxWaitSecs`. */
  rateLimit: { maxRetries: number; maxWaitSecs: number };
  upstreamRetryDelayMs: number;
  /** False when the caller holds a bare token that cannot be refreshed (accessible-resources). */
  canRefresh: boolean;
  onCall?: (event: JiraCallEvent) => void;
  sleep: (ms: number) => Promise<void>;
};

export type TransportOptions = {
  getAccessToken: GetAccessToken;
  fetch?: typeof fetch;
  /** Per attempt, default 15 000. */
  timeoutMs?: number;
  /** Defaults: 2 retries, waits of at most 10 s. Longer waits (hourly quota) fail fast instead. */
  rateLimit?: { maxRetries?: number; maxWaitSecs?: number };
  /** Pause before the single retry of a read after a 5xx or network error, default 500. */
  upstreamRetryDelayMs?: number;
  onCall?: (event: JiraCallEvent) => void;
  canRefresh?: boolean;
};

export function createTransport(options: TransportOptions): Transport {
  return {
    getAccessToken: options.getAccessToken,
    // Resolved at call time so a fetch installed later (tests, instrumentation) is honoured.
    fetch: options.fetch ?? ((input, init) => globalThis.fetch(input, init)),
    timeoutMs: options.timeoutMs ?? 15_000,
    rateLimit: {
      maxRetries: options.rateLimit?.maxRetries ?? 2,
      maxWaitSecs: options.rateLimit?.maxWaitSecs ?? 10,
    },
    upstreamRetryDelayMs: options.upstreamRetryDelayMs ?? 500,
    canRefresh: options.canRefresh ?? true,
    onCall: options.onCall,
    sleep: (ms) => new Promise((resolve) => setTimeout(resolve, ms)),
  };
}
