// Atlassian redirects the admin's browser here after consent (the registered callback URL).
import { cookies } from 'next/headers';
import { NextResponse } from 'next/server';
import { getCurrentMember } from '@/lib/auth/guards';
import { env } from '@/lib/config/env';
import { handleCallback, type CallbackResult } from '@/lib/integrations/jira/connect/handle-callback';
import { BROWSER_BINDING_COOKIE } from '@/lib/integrations/jira/oauth/authorization-state';
import { CALLBACK_PATH } from '@/lib/integrations/jira/oauth/config';

function destination(result: CallbackResult): string {
  if (result.kind === 'choose_site') return `/settings/integrations/jira/select-site/${result.pendingId}`;
  if (result.connectionId) return `/settings/integrations/jira/${result.connectionId}?jira=${result.outcome}`;
  return `/settings/integrations?jira=${result.outcome}`;
}

export async function GET(request: Request) {
  let result: CallbackResult;
  try {
    const binding = (await cookies()).get(BROWSER_BINDING_COOKIE)?.value;
    result = await handleCallback(await getCurrentMember(), new URL(request.url).searchParams, binding);
  } catch (error) {
    // Never a 500 page: the admin gets a clear outcome, the log gets the error's class only.
    console.error('[jira callback] unexpected failure', error instanceof Error ? error.name : 'unknown');
    result = { kind: 'done', outcome: 'atlassian_unavailable' };
  }
  const response = NextResponse.redirect(new URL(destination(result), env().PORTICO_BASE_URL), 303);
  response.cookies.delete({ name: BROWSER_BINDING_COOKIE, path: CALLBACK_PATH });
  // The URL carried an authorization code: keep it out of Referer headers and caches.
  response.headers.set('Referrer-Policy', 'no-referrer');
  response.headers.set('Cache-Control', 'no-store');
  return response;
}
