// Atlassian redirects the admin's browser here after consent (the registered callback URL).
import { cookies } from 'next/headers';
import { NextResponse } from 'next/server';
import { getCurrentMember } from '@/lib/auth/guards';
import { env } from '@/lib/config/env';
import { defineRoute } from '@/lib/http/route-handler';
import { handleCallback, type CallbackResult } from '@/lib/integrations/jira/connect/handle-callback';
import { BROWSER_BINDING_COOKIE } from '@/lib/integrations/jira/oauth/authorization-state';
import { CALLBACK_PATH } from '@/lib/integrations/jira/oauth/config';
import { currentRequestId, log } from '@/lib/observability/request-context';

function destination(result: CallbackResult, requestId: string | undefined): string {
  if (result.kind === 'choose_site') return `/settings/integrations/jira/select-site/${result.pendingId}`;
  const query = `jira=${result.outcome}${result.outcome === 'internal_error' && requestId ? `&requestId=${requestId}` : ''}`;
  if (result.connectionId) return `/settings/integrations/jira/${result.connectionId}?${query}`;
  return `/settings/integrations?${query}`;
}

export const { GET, POST, PUT, PATCH, DELETE, OPTIONS } = defineRoute(
  { route: '/api/integrations/jira/callback', checkOrigin: true },
  { GET: callback },
);

async function callback(request: Request) {
  let result: CallbackResult;
  try {
    const binding = (await cookies()).get(BROWSER_BINDING_COOKIE)?.value;
    result = await handleCallback(await getCurrentMember(), new URL(request.url).searchParams, binding);
  } catch (error) {
    // Never a 500 page, and never blamed on Atlassian: every Atlassian failure is an outcome by now,
    // so this is Portico's. The admin gets the request id that finds this line in the log.
    log().error({ err: error }, 'jira callback failed inside Portico');
    result = { kind: 'done', outcome: 'internal_error' };
  }
  const response = NextResponse.redirect(new URL(destination(result, currentRequestId()), env().PORTICO_BASE_URL), 303);
  response.cookies.delete({ name: BROWSER_BINDING_COOKIE, path: CALLBACK_PATH });
  // The URL carried an authorization code: keep it out of Referer headers and caches.
  response.headers.set('Referrer-Policy', 'no-referrer');
  response.headers.set('Cache-Control', 'no-store');
  return response;
}
