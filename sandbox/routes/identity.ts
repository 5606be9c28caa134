// api.atlassian.com account-level routes: GET /oauth/token/accessible-resources and GET /me.
import type { Reply } from '../http/respond';
import { isSiteScope } from '../oauth/scope-catalog';
import type { SandboxState } from '../state';
import { authenticate, grantedSites, SCOPE_MISMATCH, UNAUTHORIZED } from './bearer';

export function handleAccessibleResources(state: SandboxState, authorization: string | undefined): Reply {
  const token = authenticate(state, authorization);
  if (!token) return UNAUTHORIZED;
  const body = grantedSites(state, token).map(({ consent, site, appScopes }) => ({
    id: site!.cloudId,
    url: site!.url,
    name: site!.name,
    scopes: consent.scopes.filter((s) => isSiteScope(s) && appScopes.includes(s)),
    avatarUrl: site!.avatarUrl,
  }));
  return { status: 200, body };
}

// Shape from developer.atlassian.com/cloud/jira/platform/oauth-2-3lo-apps/ (User Identity API, needs read:me).
export function handleMe(state: SandboxState, authorization: string | undefined): Reply {
  const token = authenticate(state, authorization);
  if (!token) return UNAUTHORIZED;
  if (!token.scopes.includes('read:me')) return SCOPE_MISMATCH;
  const user = state.world.user;
  return {
    status: 200,
    body: {
      account_type: 'atlassian',
      account_id: user.accountId,
      email: user.email,
      name: user.displayName,
      picture: `https://avatar-management--avatars.us-west-2.prod.public.atl-paas.net/initials/${user.displayName.slice(0, 1)}-4.png`,
      account_status: 'active',
      nickname: user.nickname,
      zoneinfo: user.timeZone,
      locale: user.locale.replace('_', '-'),
      extended_profile: { job_title: user.jobTitle, organization: 'Acme', department: 'Engineering', location: 'Berlin' },
    },
  };
}
