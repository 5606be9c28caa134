import 'server-only';
import { randomUUID } from 'node:crypto';
import * as oauth from 'oauth4webapi';
import { getDb } from '@/db/client';
import { getJiraConnection, listJiraConnections } from '@/db/queries/jira-connections';
import { jiraPendingAuthorizations } from '@/db/schema';
import type { CurrentMember } from '@/lib/auth/guards';
import { createJiraClient, getAccessibleResources, isJiraError, type AccessibleResource, type JiraError } from '../client';
import { consumeAuthorization, recordAuthorizationOutcome, STATE_TTL_MS } from '../oauth/authorization-state';
import { oauthConfigForClient } from '../oauth/app-registry';
import { atlassianOAuthConfig, type AtlassianOAuthConfig } from '../oauth/config';
import { exchangeAuthorizationCode, TokenEndpointError, validateCallbackParameters, type AtlassianTokenSet } from '../oauth/token-endpoint';
import { sealPendingTokens } from '../token-store';
import { parseCallbackParams } from './callback-params';
import { outcomeForAuthorizationError, type ConnectOutcome } from './outcomes';
import { afterConnect } from './after-connect';
import { saveConnection, type AuthorizingAccount } from './save-connection';
import { connectedCloudIds, needsPickerForNewConnect } from './site-choice';

export type CallbackResult =
  | { kind: 'done'; outcome: ConnectOutcome; connectionId?: string }
  | { kind: 'choose_site'; pendingId: string };

const done = (outcome: ConnectOutcome, connectionId?: string): CallbackResult => ({ kind: 'done', outcome, connectionId });

/**
 * Atlassian's redirect back to Portico. The state is verified before anything else; only then
 * is the code exchanged. Every failure ends in a named outcome and changes nothing.
 */
export async function handleCallback(
  member: CurrentMember | undefined,
  searchParams: URLSearchParams,
  browserBinding: string | undefined,
): Promise<CallbackResult> {
  const params = parseCallbackParams(searchParams);
  if (!params) return done('invalid_request');
  if (!params.state) return done(params.error === 'access_denied' ? 'cancelled_unknown' : 'invalid_state');
  if (!member) return done('invalid_state');
  if (member.role !== 'admin') return done('admin_only');
  const authorization = await consumeAuthorization(member, params.state, browserBinding);
  if (!authorization) return done('invalid_state');
  // The app the consent was started with: the organization may have switched apps meanwhile.
  const config = authorization.clientId ? await oauthConfigForClient(member.orgId, authorization.clientId) : atlassianOAuthConfig();
  if (!config) {
    await recordAuthorizationOutcome(authorization.stateHash, 'not_configured');
    return done('not_configured');
  }
  let result: CallbackResult;
  try {
    result = await completeAuthorization(member, config, searchParams, params.state, authorization);
  } catch (error) {
    // Portico's own failure (Atlassian's are outcomes by now): troubleshooting must not read it as theirs.
    await recordAuthorizationOutcome(authorization.stateHash, 'internal_error').catch(() => {});
    throw error;
  }
  await recordAuthorizationOutcome(authorization.stateHash, result.kind === 'done' ? result.outcome : 'choose_site');
  return result;
}

async function completeAuthorization(
  member: CurrentMember,
  config: AtlassianOAuthConfig,
  searchParams: URLSearchParams,
  state: string,
  authorization: { codeVerifier: string; reconnectConnectionId: string | null },
): Promise<CallbackResult> {
  let callbackParameters: URLSearchParams;
  try {
    callbackParameters = validateCallbackParameters(config, searchParams, state);
  } catch (error) {
    if (error instanceof oauth.AuthorizationResponseError) return done(outcomeForAuthorizationError(error.error));
    return done('invalid_request');
  }
  if (!callbackParameters.get('code')) return done('missing_code');

  let tokens: AtlassianTokenSet;
  let sites: AccessibleResource[];
  try {
    tokens = await exchangeAuthorizationCode(config, callbackParameters, authorization.codeVerifier);
    sites = (await getAccessibleResources(config.apiUrl, tokens.accessToken)).filter(isJiraSite);
  } catch (error) {
    // Only what Atlassian answered (or failed to) is an Atlassian outcome; anything else is a Portico bug.
    if (!(error instanceof TokenEndpointError) && !isJiraError(error)) throw error;
    return done(outcomeForFailure(error));
  }
  if (sites.length === 0) return done('no_sites');

  const target = authorization.reconnectConnectionId
    ? await getJiraConnection(member.orgId, authorization.reconnectConnectionId)
    : undefined;
  // A connection created through the API has no site yet: it is chosen like a first connect.
  const pendingTarget = target?.status === 'pending_authorization' ? target : undefined;
  // "Connect another site" whose consent reaches only a site that is already connected would otherwise become a
  // silent reconnect: the picker asks first, saying "Reconnect <site>".
  const askFirst = !target && needsPickerForNewConnect(sites, connectedCloudIds(await listJiraConnections(member.orgId)));
  const site =
    target && !pendingTarget ? sites.find((candidate) => candidate.id === target.cloudId) : sites.length === 1 && !askFirst ? sites[0] : undefined;
  const account = site ? await identifyAccount(config, tokens.accessToken, site.id) : undefined;
  // A reconnect by another Atlassian user, or to another site, is saved only after the admin confirms it.
  if (site && account && (!target?.authorizedByAccountId || target.authorizedByAccountId === account.accountId)) {
    const saved = await saveConnection({
      member,
      clientId: config.clientId,
      tokens,
      site,
      reachableCloudIds: sites.map((candidate) => candidate.id),
      account,
      pendingConnectionId: pendingTarget?.id,
    });
    if (saved.conflict) return done(saved.conflict);
    await afterConnect({ orgId: member.orgId, connectionId: saved.connectionId, reconnected: saved.reconnected, actorUserId: member.userId });
    return done(saved.reconnected ? 'reconnected' : 'connected', saved.connectionId);
  }
  const pendingId = await holdForDecision(member, config.clientId, tokens, sites, authorization.reconnectConnectionId, account?.displayName);
  return { kind: 'choose_site', pendingId };
}

/** accessible-resources also lists Confluence and other products' sites. */
function isJiraSite(resource: AccessibleResource): boolean {
  return resource.scopes.some((scope) => scope.includes('jira'));
}

/** Who authorized: Jira's `myself` on the site. Without read:jira-user it cannot be known. */
export async function identifyAccount(config: AtlassianOAuthConfig, accessToken: string, cloudId: string): Promise<AuthorizingAccount> {
  try {
    const client = createJiraClient({ apiBaseUrl: config.apiUrl, cloudId, getAccessToken: () => Promise.resolve(accessToken) });
    const myself = await client.getMyself();
    return { accountId: myself.accountId, displayName: myself.displayName };
  } catch {
    return { accountId: `unidentified:${cloudId}`, displayName: 'Unknown Atlassian user' };
  }
}

async function holdForDecision(
  member: CurrentMember,
  clientId: string,
  tokens: AtlassianTokenSet,
  sites: AccessibleResource[],
  reconnectConnectionId: string | null,
  accountName: string | undefined,
) {
  const id = randomUUID();
  await getDb()
    .insert(jiraPendingAuthorizations)
    .values({
      id,
      organizationId: member.orgId,
      userId: member.userId,
      reconnectConnectionId,
      clientId,
      accountName: accountName ?? null,
      tokenSetCiphertext: sealPendingTokens(id, tokens),
      sites: sites.map((site) => ({ id: site.id, name: site.name, url: site.url, avatarUrl: site.avatarUrl ?? null, scopes: site.scopes })),
      expiresAt: new Date(Date.now() + STATE_TTL_MS),
    });
  return id;
}

/** The outcome of a failed token exchange or site listing: an error from Atlassian's side of the call. */
export function outcomeForFailure(error: TokenEndpointError | JiraError): ConnectOutcome {
  if (error instanceof TokenEndpointError) {
    if (error.kind === 'invalid_client') return 'app_credentials_rejected';
    if (error.kind === 'invalid_grant') return 'code_rejected';
    if (error.kind === 'rate_limited') return 'rate_limited';
    return 'atlassian_unavailable';
  }
  if (isJiraError(error) && error.kind === 'rate_limited') return 'rate_limited';
  // A token Atlassian issued a moment ago and now refuses (access revoked or blocked by the
  // site's admin): not an outage, so "try again in a few minutes" would mislead.
  if (isJiraError(error) && (error.kind === 'token_unusable' || error.kind === 'forbidden' || error.kind === 'forbidden_scope')) {
    return 'atlassian_refused';
  }
  return 'atlassian_unavailable';
}
