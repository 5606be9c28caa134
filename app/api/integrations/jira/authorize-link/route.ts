// The "Continue to Atlassian" button of an API-issued authorize link (admins of the link's organization):
// uses the link once and starts the normal consent for that connection.
import { NextResponse } from 'next/server';
import { consumeAuthorizeLink } from '@/db/queries/jira-authorize-links';
import { getCurrentMember } from '@/lib/auth/guards';
import { env } from '@/lib/config/env';
import { defineRoute } from '@/lib/http/route-handler';
import { AUTHORIZE_LINK_PATH, assessAuthorizeLink, hashLinkToken } from '@/lib/integrations/jira/authorize-link/authorize-link';
import { startAuthorization } from '@/lib/integrations/jira/oauth/authorization-state';
import { oauthConfigForNewConsent } from '@/lib/integrations/jira/oauth/app-registry';
import { consentRedirect } from '@/lib/integrations/jira/oauth/consent-redirect';

const to = (path: string) => NextResponse.redirect(new URL(path, env().PORTICO_BASE_URL), 303);

export const { GET, POST, PUT, PATCH, DELETE, OPTIONS } = defineRoute(
  { route: '/api/integrations/jira/authorize-link', checkOrigin: true },
  { POST: useAuthorizeLink },
);

async function useAuthorizeLink(request: Request) {
  const form = await request.formData().catch(() => new FormData());
  const token = form.get('token');
  if (typeof token !== 'string') return to('/settings/integrations?jira=invalid_request');
  // Links are opaque base64url: safe in a path; anything else was refused by the shape check below.
  const linkPage = `${AUTHORIZE_LINK_PATH}/${encodeURIComponent(token)}`;
  const member = await getCurrentMember();
  if (!member) return to(`/sign-in?callbackUrl=${encodeURIComponent(linkPage)}`);

  // The page explains every refusal (used, expired, another organization, not an admin): send the admin back to it.
  const verdict = await assessAuthorizeLink(member, token);
  if (verdict.kind !== 'usable') return to(linkPage);
  const app = await oauthConfigForNewConsent(member.orgId);
  if ('problem' in app) return to(`/settings/integrations?jira=${app.problem}`);
  const { config } = app;
  const connectionId = await consumeAuthorizeLink(member.orgId, hashLinkToken(token));
  if (!connectionId) return to(linkPage);

  const started = await startAuthorization(member, { clientId: config.clientId, reconnectConnectionId: connectionId });
  return consentRedirect(config, started);
}
