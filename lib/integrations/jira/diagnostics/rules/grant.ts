// Check 2: is the authorization alive? A refused refresh means someone must reconnect; say why it
// most likely happened. A working grant that had gone unrefreshed for a while means the weekly
// keep-alive is not running, and Atlassian expires a refresh token after 90 days unused.
import {
  NO_REFRESH_TOKEN_CAUSE,
  PORTICO_REUSED_REFRESH_TOKEN_CAUSE,
  REFRESH_TOKEN_REUSED,
  REVOKED_GRANT_CAUSES,
} from '../../grant-problems';
import { timeToken } from '@/lib/format/time-token';
import type { DiagnosticFacts } from '../facts';
import type { CheckEvidence, CheckResult } from '../types';
import { notAuthorized, siteName, skipped, TITLES, userName } from './shared';

const id = 'grant';
const title = TITLES[id];
const DAY_MS = 86_400_000;
/** Atlassian: a rotating refresh token expires after 90 days without use. */
export const REFRESH_TOKEN_IDLE_DAYS = 90;
/** keep-alive.ts refreshes grants idle for 7 days; one day of slack before warning. */
export const KEEP_ALIVE_WARN_DAYS = 8;

/** The likeliest reason Atlassian refused the grant, in the admin's words. */
export function likelyDeadGrantCause(facts: DiagnosticFacts): string {
  const grant = facts.grant;
  if (grant?.lastRefreshError === 'no_refresh_token' || (grant && !grant.hasRefreshToken)) {
    return NO_REFRESH_TOKEN_CAUSE;
  }
  // Recorded by the token store, which knows it had to resend a refresh token whose answer it never got.
  if (grant?.lastRefreshError === REFRESH_TOKEN_REUSED) return PORTICO_REUSED_REFRESH_TOKEN_CAUSE;
  const lastUse = grant?.lastRefreshedAt ?? grant?.createdAt;
  if (lastUse && facts.now.getTime() - lastUse.getTime() >= REFRESH_TOKEN_IDLE_DAYS * DAY_MS) {
    return `it was not refreshed for ${REFRESH_TOKEN_IDLE_DAYS} days (last ${timeToken(lastUse, 'on')}), and Atlassian expires unused authorizations after ${REFRESH_TOKEN_IDLE_DAYS} days`;
  }
  return `most likely ${REVOKED_GRANT_CAUSES}`;
}

export function checkGrant(facts: DiagnosticFacts): CheckResult {
  const blocked = notAuthorized(facts);
  if (blocked || !facts.grant) return skipped(id, blocked ?? 'Not checked: no authorization.');
  const grant = facts.grant;
  const asked = 'POST /oauth/token (grant_type refresh_token) for the stored authorization';
  const failure = facts.refresh.outcome === 'failed' ? facts.refresh.reason : undefined;

  if (
    failure === 'app_credentials_rejected' ||
    failure === 'not_configured' ||
    failure === 'app_changed' ||
    failure === 'not_connected' ||
    failure === 'app_secret_unreadable'
  ) {
    return skipped(
      id,
      'Not checked: Portico could not present the authorization to Atlassian (see “OAuth app credentials”).',
    );
  }
  if (failure === 'token_unreadable') {
    return {
      id,
      title,
      outcome: 'failure',
      summary: `Portico can no longer read the tokens of ${grant.accountName}’s authorization: the key that encrypted them was removed from Portico’s configuration (PORTICO_ENCRYPTION_KEY), or the stored value was altered.`,
      evidence: [
        {
          asked: 'Decrypt the stored tokens with the keys Portico holds',
          answered: 'Refused: no configured key opens them, so nothing was sent to Atlassian.',
        },
      ],
      remedy: `Reconnect: sign in at Atlassian as a user who can see ${siteName(facts)} and press Accept; the new tokens are sealed with the current key. The project filter and mappings are kept.`,
      action: 'reconnect',
    };
  }
  if (grant.status === 'needs_reconnect' || failure === 'needs_reconnect') {
    // A grant without a refresh token dies without asking Atlassian: never claim an invalid_grant.
    const noRefreshToken = grant.lastRefreshError === 'no_refresh_token' || !grant.hasRefreshToken;
    const when = grant.lastRefreshFailedAt ? ` (${timeToken(grant.lastRefreshFailedAt)})` : '';
    const evidence: CheckEvidence[] = [
      noRefreshToken
        ? {
            asked,
            answered: `Not sent${grant.status === 'needs_reconnect' ? when : ''}: Portico holds no refresh token for this authorization, so it could not be renewed.`,
          }
        : grant.status === 'needs_reconnect'
          ? {
              asked,
              answered: `Refused earlier${when} with invalid_grant; Portico does not ask again until someone reconnects.`,
            }
          : { asked, answered: 'HTTP 403 invalid_grant: Atlassian no longer accepts the refresh token.' },
    ];
    return {
      id,
      title,
      outcome: 'failure',
      summary: `Atlassian no longer accepts this connection’s authorization by ${grant.accountName}: ${likelyDeadGrantCause(facts)}.`,
      evidence,
      remedy: `Reconnect: sign in at Atlassian as a user who can see ${siteName(facts)} and press Accept. The project filter and mappings are kept.`,
      action: 'reconnect',
    };
  }
  if (failure === 'atlassian_unavailable' || failure === 'rate_limited') {
    const busy = failure === 'rate_limited' ? 'throttled the refresh' : 'could not be reached';
    return {
      id,
      title,
      outcome: 'warning',
      summary: facts.tokenAvailable
        ? `Atlassian ${busy}, so the authorization could not be refreshed now; the current access token still works. Nothing is broken.`
        : `Atlassian ${busy}, so the authorization could not be checked. Nothing is broken; Portico retries.`,
      evidence: [
        {
          asked,
          answered: failure === 'rate_limited' ? 'HTTP 429 (throttled)' : 'No usable answer (HTTP 5xx or timeout).',
        },
      ],
      remedy: 'Nothing to do now: run diagnostics again in a few minutes.',
      action: 'rerun',
    };
  }

  const refreshed = facts.refresh.outcome === 'ok' && facts.refresh.refreshed;
  const recent = facts.refresh.outcome === 'ok' && facts.refresh.notForced === 'refreshed_recently';
  const evidence: CheckEvidence[] = refreshed
    ? [{ asked, answered: 'HTTP 200: a new access token and a new refresh token.' }]
    : recent && grant.lastRefreshedAt
      ? [
          {
            asked: 'Last successful refresh before this run',
            // "under an hour before this run", not "ago": the browser may show the time itself as "12 minutes ago".
            answered: `${timeToken(grant.lastRefreshedAt)}: under an hour before this run, so that refresh is the proof and this run did not refresh again.`,
          },
        ]
      : [];
  const previous = grant.lastRefreshedAt ?? grant.createdAt;
  const idleDays = Math.floor((facts.now.getTime() - previous.getTime()) / DAY_MS);
  if (idleDays >= KEEP_ALIVE_WARN_DAYS) {
    const expiry = new Date(previous.getTime() + REFRESH_TOKEN_IDLE_DAYS * DAY_MS);
    return {
      id,
      title,
      outcome: 'warning',
      summary: `The authorization works, but it had not been refreshed for ${idleDays} days: left unused it would have expired ${timeToken(expiry, 'on')}.`,
      evidence: [...evidence, { asked: 'Last successful refresh before this run', answered: timeToken(previous) }],
      remedy:
        'Portico refreshes idle authorizations every week so they never reach Atlassian’s 90-day limit; this one was missed. Ask the Portico operator to check that the server’s scheduled jobs run.',
      action: null,
    };
  }
  return {
    id,
    title,
    outcome: 'pass',
    summary: `${userName(facts)}’s authorization is alive: Atlassian ${refreshed ? 'refreshed it just now' : recent ? 'refreshed it less than an hour ago' : 'issued its access token minutes ago'}.`,
    evidence,
    remedy: null,
    action: null,
  };
}
