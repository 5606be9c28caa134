/**
 * A diagnostics run through the API forces an Atlassian refresh-token rotation and stores a run, so a key
 * calling it in a loop would churn the grant and the history. One run per connection per minute is plenty:
 * the latest run is always readable with GET. Pure.
 */
export const DIAGNOSTICS_COOLDOWN_SECS = 60;

export function diagnosticsCooldown(latestStartedAt: Date | undefined, now: Date): { wait: false } | { wait: true; retryAfterSecs: number } {
  if (!latestStartedAt) return { wait: false };
  const elapsedMs = now.getTime() - latestStartedAt.getTime();
  const leftMs = DIAGNOSTICS_COOLDOWN_SECS * 1000 - elapsedMs;
  // A run "from the future" (clock skew between processes) counts as just started.
  if (leftMs <= 0) return { wait: false };
  return { wait: true, retryAfterSecs: Math.min(DIAGNOSTICS_COOLDOWN_SECS, Math.ceil(leftMs / 1000)) };
}
