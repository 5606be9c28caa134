import 'server-only';
import { getGrantClientId, getOAuthAppSummary } from '@/db/queries/jira-oauth-apps';
import { atlassianOAuthConfig } from './config';

export type GrantApp = 'organization' | 'platform' | 'previous';

/**
 * Which app a connection's authorization belongs to, as the connection page names it. `previous`:
 * the organization switched apps since, so the grant's refresh token is useless until a reconnect.
 */
export async function describeGrantApp(orgId: string, grantId: string): Promise<GrantApp | undefined> {
  const [clientId, own] = await Promise.all([getGrantClientId(orgId, grantId), getOAuthAppSummary(orgId)]);
  if (!clientId) return undefined;
  if (own?.clientId === clientId) return 'organization';
  // oauthConfigForClient keeps serving platform grants after an organization brings its own app.
  return atlassianOAuthConfig()?.clientId === clientId ? 'platform' : 'previous';
}
