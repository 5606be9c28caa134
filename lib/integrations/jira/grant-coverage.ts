// Which grant serves which site, and what a 401 from a site means for the grant's tokens. Pure: the
// token store and save-connection apply the decisions (docs/decisions/012-grants-per-consent.md).

/**
 * The sites a grant reaches. Grants saved before coverage was recorded have none listed: they are
 * taken to cover the sites of the connections that use them, which is what the old model assumed.
 */
export function coveredSites(grant: { cloudIds: readonly string[] }, connectionCloudIds: readonly string[]): string[] {
  return grant.cloudIds.length > 0 ? [...grant.cloudIds] : [...connectionCloudIds];
}

export interface ConnectionOnGrant {
  id: string;
  cloudId: string;
  grantId: string;
  grantClientId: string;
  grantAccountId: string;
}

/**
 * Which existing connections a new consent's grant takes over. The chosen site's connection always; any
 * other only when the new grant covers its site AND its grant is the same account's under the same app
 * (account-level: the later consent's tokens reach the earlier sites too, so one token family serves
 * them all). A connection whose site the new grant does not cover keeps its grant: a consent never
 * takes a site away from the grant that still reaches it (resource-level: each consent its own site).
 */
export function connectionsToMove(input: {
  newCloudIds: readonly string[];
  clientId: string;
  accountId: string;
  connections: readonly ConnectionOnGrant[];
}): string[] {
  const covered = new Set(input.newCloudIds);
  return input.connections
    .filter((c) => covered.has(c.cloudId) && c.grantClientId === input.clientId && c.grantAccountId === input.accountId)
    .map((c) => c.id);
}

export type UnauthorizedDecision =
  /** Another caller refreshed since this token was handed out: retry with the stored one, no refresh. */
  | { action: 'use_stored'; reason: 'refreshed_meanwhile' }
  /** The token is (about to be) expired: a refresh is what fixes a 401. */
  | { action: 'refresh'; reason: 'token_expired' }
  /** Portico knows this grant does not reach the site: a new token of the same grant would not either. */
  | { action: 'give_up'; reason: 'site_not_covered' }
  /**
   * A fresh token of a grant that should reach the site: ask accessible-resources with it first. Refused
   * there too → the token is dead, refresh; answered → the token is alive and the site refuses it (left
   * the grant, or Jira's own reasons): a new token changes nothing.
   */
  | { action: 'probe'; reason: 'token_fresh' };

/**
 * What to do about a 401 from a Jira site. Refreshing is right only when the token may be the problem:
 * expired, or refused everywhere (revoked: the refresh then says invalid_grant and the grant is marked).
 * A fresh token refused by one site it was never granted, or no longer is, gets the same 401 after any
 * number of refreshes, and each refresh rotates the family for nothing.
 */
export function decideOnUnauthorized(input: {
  rejectedToken: string;
  storedToken: string;
  tokenFresh: boolean;
  cloudId: string | undefined;
  grantCloudIds: readonly string[];
}): UnauthorizedDecision {
  if (!input.tokenFresh) return { action: 'refresh', reason: 'token_expired' };
  if (input.storedToken !== input.rejectedToken) return { action: 'use_stored', reason: 'refreshed_meanwhile' };
  // No site named (a caller outside a connection) or no coverage recorded (older grants): probe.
  if (input.cloudId !== undefined && input.grantCloudIds.length > 0 && !input.grantCloudIds.includes(input.cloudId)) {
    return { action: 'give_up', reason: 'site_not_covered' };
  }
  return { action: 'probe', reason: 'token_fresh' };
}
