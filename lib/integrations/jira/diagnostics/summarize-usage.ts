// Sums hourly jira_api_usage rows (oldest first) into the 24-hour figures the rules read. Pure.
import { EMPTY_USAGE, type ApiUsageCounts as UsageRow } from './facts';

export function summarizeUsage(rows: readonly UsageRow[]): UsageRow {
  return rows.reduce<UsageRow>(
    (sum, row) => ({
      calls: sum.calls + row.calls,
      throttled: sum.throttled + row.throttled,
      upstreamFailures: sum.upstreamFailures + row.upstreamFailures,
      scopeMismatches: sum.scopeMismatches + row.scopeMismatches,
      ...(row.lastThrottledAt
        ? {
            lastThrottledAt: row.lastThrottledAt,
            lastRateLimitReason: row.lastRateLimitReason,
            lastRateLimitReset: row.lastRateLimitReset,
            lastRetryAfterSecs: row.lastRetryAfterSecs,
          }
        : pick(sum, ['lastThrottledAt', 'lastRateLimitReason', 'lastRateLimitReset', 'lastRetryAfterSecs'])),
      ...(row.lastScopeMismatchAt
        ? { lastScopeMismatchAt: row.lastScopeMismatchAt, lastScopeMismatchOperation: row.lastScopeMismatchOperation }
        : pick(sum, ['lastScopeMismatchAt', 'lastScopeMismatchOperation'])),
    }),
    EMPTY_USAGE,
  );
}

function pick<K extends keyof UsageRow>(row: UsageRow, keys: readonly K[]): Pick<UsageRow, K> {
  return Object.fromEntries(keys.map((key) => [key, row[key]])) as Pick<UsageRow, K>;
}
