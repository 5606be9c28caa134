// Fixed-window rate limit for api.atlassian.com routes. Header names and the ISO reset format follow
// developer.atlassian.com/cloud/jira/platform/rate-limiting/ (error-bodies.compiled.json, 429 examples).
import type { Reply } from '../http/respond';
import type { SandboxState } from '../state';

export function checkRateLimit(state: SandboxState): Reply | null {
  const limit = state.effectiveRateLimit();
  if (!limit) return null;
  const now = state.now();
  const windowMs = limit.windowSecs * 1000;
  if (now - state.rateWindow.start >= windowMs) state.rateWindow = { start: now, count: 0 };
  state.rateWindow.count++;
  if (state.rateWindow.count <= limit.limit) return null;
  const resetAt = state.rateWindow.start + windowMs;
  state.counters.rateLimited++;
  return {
    status: 429,
    headers: {
      'retry-after': String(Math.max(1, Math.ceil((resetAt - now) / 1000))),
      'x-ratelimit-limit': String(limit.limit),
      'x-ratelimit-remaining': '0',
      'x-ratelimit-reset': new Date(resetAt).toISOString().replace(/\.\d{3}Z$/, 'Z'),
      'ratelimit-reason': 'jira-burst-based',
    },
    body: { errorMessages: ['Rate limit exceeded.'], errors: {} },
  };
}
