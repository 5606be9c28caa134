import 'server-only';
import { and, eq, inArray, or, sql } from 'drizzle-orm';
import { getDb } from '@/db/client';
import type { Transaction } from '@/db/connect';
import { recordActivity } from '@/db/queries/connection-activity';
import { jiraConnections, jiraGrants } from '@/db/schema';
import { decryptSecret, DecryptionError, encryptSecret } from '@/lib/crypto';
import { appKeyring } from '@/lib/crypto/app-keyring';
import { tokenFailures, tokenRefreshes } from '@/lib/observability/metrics';
import { AppSecretUnreadableError, oauthConfigForClient, oauthConfigForOrg } from './oauth/app-registry';
import { getAccessibleResources, isJiraError } from './client';
import { decideOnUnauthorized } from './grant-coverage';
import { REFRESH_ANSWER_LOST, REFRESH_TOKEN_REUSED } from './grant-problems';
import { refreshAccessToken, TokenEndpointError, type AtlassianTokenSet } from './oauth/token-endpoint';

// The ONLY module that reads or writes token columns. Everything else gets an access token
// through getAccessToken() and never sees a refresh token. (The key-rotation job,
// lib/jobs/reencrypt-secrets, re-seals these columns under the active key without using them.)

/**
 * Refresh this long before expiry, so a request never starts with a token about to die; at most
 * half the token's lifetime, or short-lived tokens would always look due.
 */
const EXPIRY_MARGIN_MS = 60_000;

export type GrantUnusableReason =
  | 'needs_reconnect'
  | 'app_credentials_rejected'
  | 'atlassian_unavailable'
  | 'rate_limited'
  | 'not_connected'
  | 'not_configured'
  /** The organization switched OAuth apps: this grant belongs to the old one. */
  | 'app_changed'
  /** The stored tokens no longer decrypt: their key was removed from PORTICO_ENCRYPTION_KEY (or they were altered). */
  | 'token_unreadable'
  /** The organization's own OAuth app's client secret no longer decrypts (same causes). */
  | 'app_secret_unreadable';

export class GrantUnusableError extends Error {
  constructor(readonly reason: GrantUnusableReason) {
    super(`Jira grant unusable: ${reason}`);
    this.name = 'GrantUnusableError';
  }
}

/** getAccessToken with `allowRefresh: false` found only an expired access token. */
export class AccessTokenExpiredError extends Error {
  constructor() {
    super('The stored Jira access token has expired and no refresh was allowed.');
    this.name = 'AccessTokenExpiredError';
  }
}

/** Binds a grant's token ciphertext to its row and column (see lib/crypto/envelope.ts). */
export const grantTokenAad = (grantId: string, column: 'access_token' | 'refresh_token') =>
  `jira_grant:${grantId}:${column}`;
export const pendingTokensAad = (pendingId: string) => `jira_pending:${pendingId}:tokens`;
const seal = (grantId: string, column: 'access_token' | 'refresh_token', value: string) =>
  encryptSecret(appKeyring(), value, grantTokenAad(grantId, column));

/** Tokens the keyring cannot open are a named problem of the grant, not a crash of the caller. */
class TokenUnreadable extends Error {}
function open(grantId: string, column: 'access_token' | 'refresh_token', value: string): string {
  try {
    return decryptSecret(appKeyring(), value, grantTokenAad(grantId, column));
  } catch (error) {
    if (error instanceof DecryptionError) throw new TokenUnreadable(error.kind);
    throw error;
  }
}

/**
 * Saves the tokens of a fresh consent as a new grant: what one code exchange produced, with the
 * sites its accessible-resources listed. Never overwrites another grant's tokens: with a
 * resource-level app the earlier grant still serves its own site (docs/decisions/012-grants-per-consent.md).
 * Which connections move to it, and which grants retire, is save-connection's decision.
 */
export async function storeGrantTokens(
  tx: Transaction,
  input: { orgId: string; clientId: string; accountId: string; accountName: string; tokens: AtlassianTokenSet; cloudIds: string[] },
): Promise<string> {
  const [grant] = await tx
    .insert(jiraGrants)
    .values({
      organizationId: input.orgId,
      clientId: input.clientId,
      atlassianAccountId: input.accountId,
      atlassianAccountName: input.accountName,
      scopes: input.tokens.scopes,
      cloudIds: input.cloudIds,
    })
    .returning({ id: jiraGrants.id });
  const grantId = grant!.id;
  await tx
    .update(jiraGrants)
    .set({ status: 'active', ...tokenColumns(grantId, input.tokens, null) })
    .where(eq(jiraGrants.id, grantId));
  return grantId;
}

/**
 * What every token write sets: fresh ciphertexts, a bumped version (waiting callers see that
 * someone refreshed) and a clean refresh record. Atlassian rotates refresh tokens; the previous
 * one is kept only if none came back.
 */
function tokenColumns(grantId: string, tokens: AtlassianTokenSet, previousRefreshCiphertext: string | null) {
  return {
    accessTokenCiphertext: seal(grantId, 'access_token', tokens.accessToken),
    accessTokenExpiresAt: tokens.expiresAt,
    refreshTokenCiphertext: tokens.refreshToken
      ? seal(grantId, 'refresh_token', tokens.refreshToken)
      : previousRefreshCiphertext,
    scopes: tokens.scopes,
    tokenVersion: sql`${jiraGrants.tokenVersion} + 1`,
    lastRefreshedAt: sql`now()`,
    lastRefreshError: null,
    refreshFailureCount: 0,
    updatedAt: sql`now()`,
  };
}

/**
 * Forgets a grant no connection uses: the row goes with both token ciphertexts, so nothing refreshes
 * or keeps it alive any more. Atlassian has no endpoint to revoke a 3LO grant (retire-grant.ts).
 * Returns the sites it covered, for the audit trail.
 */
export async function deleteGrant(tx: Transaction, orgId: string, grantId: string): Promise<{ cloudIds: string[] } | undefined> {
  const [gone] = await tx
    .delete(jiraGrants)
    .where(and(eq(jiraGrants.organizationId, orgId), eq(jiraGrants.id, grantId)))
    .returning({ cloudIds: jiraGrants.cloudIds });
  return gone;
}

/**
 * A valid access token for the grant. Refresh is single-flight per grant across requests and
 * processes (row lock), re-reads after the lock, and commits the rotated refresh token before
 * the new access token is used, so a rotation is never lost (Nango's pattern).
 *
 * `forceRefresh` with `rejectedToken` (a 401 from Jira) refreshes only if the store still holds
 * that token; without it (keep-alive) it refreshes unless another caller did while this one waited.
 * `allowRefresh: false` never asks Atlassian: the stored token if it has not expired yet, otherwise
 * AccessTokenExpiredError (diagnostics, after a refresh just failed, must not try a second one).
 */
export async function getAccessToken(
  orgId: string,
  grantId: string,
  options: TokenOptions = {},
): Promise<string> {
  try {
    return await readOrRefreshAccessToken(orgId, grantId, options);
  } catch (error) {
    if (error instanceof TokenUnreadable) {
      await getDb().transaction((tx) => flagUnreadableTokens(tx, orgId, grantId));
      throw new GrantUnusableError('token_unreadable');
    }
    if (error instanceof AppSecretUnreadableError) throw new GrantUnusableError('app_secret_unreadable');
    throw error;
  }
}

/**
 * Shows "Portico can no longer read this connection's tokens" on the grant's live connections.
 * The grant itself stays active: if the operator puts the removed key back, the tokens work
 * again and the next successful refresh clears the connections (like app_credentials_rejected).
 * Safe to repeat: only connections not flagged yet change, and only they get an audit event.
 */
export async function flagUnreadableTokens(tx: Transaction, orgId: string, grantId: string): Promise<void> {
  const flagged = await tx
    .update(jiraConnections)
    .set({ status: 'needs_reconnect', statusReason: 'token_unreadable', updatedAt: sql`now()` })
    .where(
      and(
        eq(jiraConnections.organizationId, orgId),
        eq(jiraConnections.grantId, grantId),
        inArray(jiraConnections.status, ['connected', 'error']),
      ),
    )
    .returning({ id: jiraConnections.id });
  if (flagged.length > 0) {
    await recordActivity(
      tx,
      flagged.map((connection) => ({
        organizationId: orgId,
        connectionId: connection.id,
        action: 'tokens_unreadable',
        detail: { reason: 'token_unreadable' },
      })),
    );
  }
}

type TokenOptions = {
  forceRefresh?: boolean;
  rejectedToken?: string;
  allowRefresh?: boolean;
  /** The site that refused `rejectedToken`: a 401 from a site the grant does not reach is no reason to refresh. */
  cloudId?: string;
};

async function readOrRefreshAccessToken(orgId: string, grantId: string, options: TokenOptions): Promise<string> {
  const db = getDb();
  const [seen] = await db
    .select({
      status: jiraGrants.status,
      clientId: jiraGrants.clientId,
      access: jiraGrants.accessTokenCiphertext,
      expiresAt: jiraGrants.accessTokenExpiresAt,
      refreshedAt: jiraGrants.lastRefreshedAt,
      version: jiraGrants.tokenVersion,
      failures: jiraGrants.refreshFailureCount,
      cloudIds: jiraGrants.cloudIds,
    })
    .from(jiraGrants)
    .where(and(eq(jiraGrants.organizationId, orgId), eq(jiraGrants.id, grantId)));
  if (!seen || !seen.access) throw refuseToken('not_connected');
  // A dead grant costs no token request: only a reconnect revives it.
  if (seen.status === 'needs_reconnect') throw refuseToken('needs_reconnect');
  if (options.allowRefresh === false) {
    if (notExpired(seen.expiresAt)) return open(grantId, 'access_token', seen.access);
    throw new AccessTokenExpiredError();
  }
  if (!options.forceRefresh && isFresh(seen.expiresAt, seen.refreshedAt)) {
    return open(grantId, 'access_token', seen.access);
  }
  // Resolved before the transaction: a query inside it would need a second pooled connection
  // while holding the first, and a burst of refreshing callers could exhaust the pool.
  const config = await oauthConfigForClient(orgId, seen.clientId);
  if (options.rejectedToken !== undefined && config) {
    const kept = await answerUnauthorized(orgId, grantId, config.apiUrl, { ...seen, access: seen.access }, { ...options, rejectedToken: options.rejectedToken });
    if (kept !== undefined) return kept;
  }
  // Without the grant's app: did the organization move to another app, or is there none at all?
  const unusable = config
    ? undefined
    : (await oauthConfigForOrg(orgId))
      ? ('app_changed' as const)
      : ('not_configured' as const);

  const outcome = await db.transaction(async (tx) => {
    const [grant] = await tx
      .select({
        status: jiraGrants.status,
        access: jiraGrants.accessTokenCiphertext,
        refresh: jiraGrants.refreshTokenCiphertext,
        expiresAt: jiraGrants.accessTokenExpiresAt,
        refreshedAt: jiraGrants.lastRefreshedAt,
        version: jiraGrants.tokenVersion,
        failures: jiraGrants.refreshFailureCount,
        lastError: jiraGrants.lastRefreshError,
        scopes: jiraGrants.scopes,
      })
      .from(jiraGrants)
      .where(and(eq(jiraGrants.organizationId, orgId), eq(jiraGrants.id, grantId)))
      .for('update');
    if (!grant?.access) return { failure: 'not_connected' as const };
    if (grant.status === 'needs_reconnect') return { failure: 'needs_reconnect' as const };
    const stored = open(grantId, 'access_token', grant.access);
    // Someone refreshed while this caller waited for the lock: use their token while it is still
    // valid, even inside the expiry margin (tokens shorter than the margin would otherwise make
    // every waiting caller refresh again).
    const refreshedMeanwhile =
      grant.version !== seen.version || (options.rejectedToken !== undefined && stored !== options.rejectedToken);
    if (refreshedMeanwhile && notExpired(grant.expiresAt)) return { token: stored };
    if (!options.forceRefresh && isFresh(grant.expiresAt, grant.refreshedAt)) return { token: stored };
    // Another caller's refresh failed while this one waited for the lock: share its answer rather
    // than queue one more request per caller (in an outage each would hold a connection until
    // its timeout). The next caller after them tries again.
    if (grant.version === seen.version && grant.failures !== seen.failures) {
      return { failure: failureFor(grant.lastError) };
    }
    // The app that issued this grant is not configured (any more): nothing to mark dead, the
    // grant works again if the app comes back; a reconnect moves it to the current app.
    if (!config) return { failure: unusable ?? ('not_configured' as const) };
    if (!grant.refresh) return await markDead(tx, orgId, grantId, 'no_refresh_token');

    try {
      const tokens = await refreshAccessToken(config, open(grantId, 'refresh_token', grant.refresh));
      tokenRefreshes.inc({ outcome: 'ok' });
      await tx
        .update(jiraGrants)
        .set(tokenColumns(grantId, tokens, grant.refresh))
        .where(eq(jiraGrants.id, grantId));
      // Scopes removed from the app in the developer console vanish at the next refresh (tokens carry
      // consented ∩ configured scopes): the connections must show, and plan their calls for, what the
      // token really holds.
      if (!sameScopes(grant.scopes, tokens.scopes)) {
        await tx
          .update(jiraConnections)
          .set({ grantedScopes: tokens.scopes, updatedAt: sql`now()` })
          .where(and(eq(jiraConnections.organizationId, orgId), eq(jiraConnections.grantId, grantId)));
      }
      // Atlassian accepted the client credentials again (the operator fixed them), or the tokens
      // decrypt again: connections that failed only for that are healthy, and nothing else clears them.
      await tx
        .update(jiraConnections)
        .set({ status: 'connected', statusReason: null, updatedAt: sql`now()` })
        .where(
          and(
            eq(jiraConnections.organizationId, orgId),
            eq(jiraConnections.grantId, grantId),
            or(
              and(eq(jiraConnections.status, 'error'), eq(jiraConnections.statusReason, 'app_credentials_rejected')),
              // The removed key was put back: the tokens read again.
              and(eq(jiraConnections.status, 'needs_reconnect'), eq(jiraConnections.statusReason, 'token_unreadable')),
            ),
          ),
        );
      return { token: tokens.accessToken };
    } catch (error) {
      if (!(error instanceof TokenEndpointError)) throw error;
      tokenRefreshes.inc({ outcome: error.kind });
      return await recordRefreshFailure(tx, orgId, grantId, error, grant.lastError);
    }
  });
  if ('token' in outcome && outcome.token) return outcome.token;
  throw refuseToken(outcome.failure ?? 'needs_reconnect');
}

/**
 * A 401 from a Jira site (grant-coverage.ts decides): the token to retry with when no refresh is
 * needed (the stored one, or the refused one when nothing better exists), undefined to refresh.
 */
async function answerUnauthorized(
  orgId: string,
  grantId: string,
  apiUrl: string,
  seen: { access: string; expiresAt: Date | null; refreshedAt: Date | null; cloudIds: string[] },
  options: { rejectedToken: string; cloudId?: string },
): Promise<string | undefined> {
  const stored = open(grantId, 'access_token', seen.access);
  const decision = decideOnUnauthorized({
    rejectedToken: options.rejectedToken,
    storedToken: stored,
    tokenFresh: isFresh(seen.expiresAt, seen.refreshedAt),
    cloudId: options.cloudId,
    grantCloudIds: seen.cloudIds,
  });
  if (decision.action === 'use_stored' || decision.action === 'give_up') return stored;
  if (decision.action === 'refresh') return undefined;
  let listed: string[];
  try {
    listed = (await getAccessibleResources(apiUrl, stored)).map((site) => site.id);
  } catch (error) {
    // Refused there too: the token itself is dead, and a refresh says whether the grant is (revoked →
    // invalid_grant → needs reconnect). Anything else (outage, throttling): the 401 stands for now.
    return isJiraError(error) && error.kind === 'token_unusable' ? undefined : stored;
  }
  // The token is alive, so this site would refuse a new one just the same. What Atlassian lists is the
  // grant's coverage from now on (a site left the grant; older grants had none recorded).
  await getDb()
    .update(jiraGrants)
    .set({ cloudIds: listed, updatedAt: sql`now()` })
    .where(and(eq(jiraGrants.organizationId, orgId), eq(jiraGrants.id, grantId)));
  return stored;
}

/** Every refusal to hand out a token is counted by reason (portico_token_failures_total). */
function refuseToken(reason: GrantUnusableReason): GrantUnusableError {
  tokenFailures.inc({ reason });
  return new GrantUnusableError(reason);
}

function sameScopes(a: readonly string[], b: readonly string[]): boolean {
  const held = new Set(a);
  return held.size === new Set(b).size && b.every((scope) => held.has(scope));
}

function isFresh(expiresAt: Date | null, refreshedAt: Date | null): boolean {
  if (!expiresAt) return false;
  const lifetime = refreshedAt ? expiresAt.getTime() - refreshedAt.getTime() : Infinity;
  return expiresAt.getTime() - Date.now() > Math.min(EXPIRY_MARGIN_MS, lifetime / 2);
}

function notExpired(expiresAt: Date | null): boolean {
  return Boolean(expiresAt && expiresAt.getTime() > Date.now());
}

async function recordRefreshFailure(
  tx: Transaction,
  orgId: string,
  grantId: string,
  error: TokenEndpointError,
  previousError: string | null,
) {
  // Portico knows what it sent: after an unanswered refresh it had to present the same refresh token.
  if (error.kind === 'invalid_grant') {
    return markDead(tx, orgId, grantId, previousError === REFRESH_ANSWER_LOST ? REFRESH_TOKEN_REUSED : 'grant_refused');
  }
  const answerLost = error.kind === 'unavailable' && error.status === undefined;
  await tx
    .update(jiraGrants)
    .set({
      lastRefreshFailedAt: sql`now()`,
      lastRefreshError: answerLost ? REFRESH_ANSWER_LOST : error.kind,
      refreshFailureCount: sql`${jiraGrants.refreshFailureCount} + 1`,
    })
    .where(eq(jiraGrants.id, grantId));
  if (error.kind === 'invalid_client') {
    // Portico's own OAuth app is misconfigured: reconnecting would not help, so the grant
    // stays alive and the connections show an error that points at the app's credentials.
    await tx
      .update(jiraConnections)
      .set({ status: 'error', statusReason: 'app_credentials_rejected', updatedAt: sql`now()` })
      .where(and(eq(jiraConnections.organizationId, orgId), eq(jiraConnections.grantId, grantId)));
    return { failure: 'app_credentials_rejected' as const };
  }
  // Outage or throttling: nothing is broken, Portico retries later.
  return { failure: failureFor(error.kind) };
}

/** What a recorded refresh failure (not invalid_grant) means for the caller. */
function failureFor(kind: string | null) {
  if (kind === 'invalid_client') return 'app_credentials_rejected' as const;
  return kind === 'rate_limited' ? ('rate_limited' as const) : ('atlassian_unavailable' as const);
}

/** invalid_grant: the refresh token is dead (expired, revoked, reused). Only a new consent helps. */
async function markDead(tx: Transaction, orgId: string, grantId: string, reason: string) {
  await tx
    .update(jiraGrants)
    .set({
      status: 'needs_reconnect',
      lastRefreshFailedAt: sql`now()`,
      lastRefreshError: reason,
      refreshFailureCount: sql`${jiraGrants.refreshFailureCount} + 1`,
      updatedAt: sql`now()`,
    })
    .where(eq(jiraGrants.id, grantId));
  const connections = await tx
    .update(jiraConnections)
    .set({ status: 'needs_reconnect', statusReason: reason, updatedAt: sql`now()` })
    .where(and(eq(jiraConnections.organizationId, orgId), eq(jiraConnections.grantId, grantId)))
    .returning({ id: jiraConnections.id });
  if (connections.length > 0) {
    await recordActivity(
        tx,
        connections.map((connection) => ({
          organizationId: orgId,
          connectionId: connection.id,
          action: 'refresh_failed',
          detail: { reason },
        })),
      );
  }
  return { failure: 'needs_reconnect' as const };
}

/** Pending consents (site picker) hold their tokens sealed until the admin decides. */
export function sealPendingTokens(pendingId: string, tokens: AtlassianTokenSet): string {
  return encryptSecret(appKeyring(), JSON.stringify(tokens), pendingTokensAad(pendingId));
}

export function openPendingTokens(pendingId: string, ciphertext: string): AtlassianTokenSet {
  const parsed = JSON.parse(
    decryptSecret(appKeyring(), ciphertext, pendingTokensAad(pendingId)),
  ) as AtlassianTokenSet & {
    expiresAt: string;
  };
  return { ...parsed, expiresAt: new Date(parsed.expiresAt) };
}
