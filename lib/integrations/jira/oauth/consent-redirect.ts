import 'server-only';
import { NextResponse } from 'next/server';
import { BROWSER_BINDING_COOKIE, STATE_TTL_MS, type StartedAuthorization } from './authorization-state';
import { buildAuthorizeUrl } from './authorize-url';
import { CALLBACK_PATH, type AtlassianOAuthConfig } from './config';

/**
 * The redirect to Atlassian's consent page for a started authorization, with the cookie that binds the
 * authorization to this browser. Shared by the Connect form and the API's authorize links.
 */
export function consentRedirect(config: AtlassianOAuthConfig, started: StartedAuthorization): NextResponse {
  const response = NextResponse.redirect(buildAuthorizeUrl(config, started.state, started.codeChallenge), 303);
  // Lax, not Strict: Atlassian's redirect back is a cross-site top-level navigation.
  response.cookies.set(BROWSER_BINDING_COOKIE, started.browserBinding, {
    httpOnly: true,
    sameSite: 'lax',
    secure: config.callbackUrl.startsWith('https://'),
    path: CALLBACK_PATH,
    maxAge: STATE_TTL_MS / 1000,
  });
  response.headers.set('Cache-Control', 'no-store');
  return response;
}
