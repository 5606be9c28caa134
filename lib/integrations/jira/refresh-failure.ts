// Pure: the "Last refresh failure" line of the connection page. A successful token write (refresh
// or reconnect) clears the error code but leaves the failure time, so a failure older than the last
// success, or one with no recorded reason, is history: showing it read "<date> ()".

const REASONS: Record<string, string> = {
  grant_refused: 'Atlassian refused the refresh token (expired, revoked or replaced)',
  no_refresh_token: 'no refresh token was stored for this authorization',
  invalid_client: 'Atlassian rejected the OAuth app’s client ID or secret',
  rate_limited: 'Atlassian was throttling token requests',
  unavailable: 'Atlassian’s token endpoint could not be reached',
  unexpected: 'Atlassian’s token endpoint answered in an unexpected way',
};

export interface GrantRefreshRecord {
  lastRefreshedAt: Date | null;
  lastRefreshFailedAt: Date | null;
  lastRefreshError: string | null;
}

/** The failure to show, with a sentence for its reason; undefined when none is current. */
export function currentRefreshFailure(grant: GrantRefreshRecord | null | undefined): { at: Date; reason: string } | undefined {
  if (!grant?.lastRefreshFailedAt || !grant.lastRefreshError) return undefined;
  if (grant.lastRefreshedAt && grant.lastRefreshedAt.getTime() >= grant.lastRefreshFailedAt.getTime()) return undefined;
  return { at: grant.lastRefreshFailedAt, reason: REASONS[grant.lastRefreshError] ?? grant.lastRefreshError.replaceAll('_', ' ') };
}
