import { NextResponse, type NextRequest } from 'next/server';
import { AVATAR_IMG_SOURCES } from '@/lib/integrations/jira/avatar-hosts';

// Optimistic redirect only: real authorization happens in layouts, actions, route handlers
// and the data layer (Next.js has had middleware-bypass advisories; never rely on this file).
const PUBLIC_PATHS = ['/sign-in'];
// The files of public/ (and app/icon.svg), served to anyone: browsers fetch them without a session,
// and a sign-in redirect in their place would break the sign-in page's own icon and robots.txt.
const PUBLIC_FILES = [
  '/favicon.ico',
  '/icon.svg',
  '/apple-touch-icon.png',
  '/icon-192.png',
  '/icon-512.png',
  '/manifest.webmanifest',
  '/robots.txt',
];
const SESSION_COOKIES = ['authjs.session-token', '__Secure-authjs.session-token'];

function contentSecurityPolicy(nonce: string): string {
  const dev = process.env.NODE_ENV === 'development';
  // The Connect form's redirect to Atlassian's consent page is a form navigation: Chromium
  // applies form-action to its redirect target, so the authorization server must be allowed.
  const authOrigin = origin(process.env.ATLASSIAN_AUTH_URL ?? 'https://auth.atlassian.com');
  return [
    "default-src 'self'",
    `script-src 'self' 'nonce-${nonce}' 'strict-dynamic'${dev ? " 'unsafe-eval'" : ''}`,
    "style-src 'self' 'unsafe-inline'",
    // Images: our own, and Jira avatars from Atlassian's hosts only (the same list JiraAvatar renders from).
    `img-src 'self' data: blob: ${AVATAR_IMG_SOURCES.join(' ')}`,
    "font-src 'self'",
    `connect-src 'self'${dev ? ' ws:' : ''}`,
    "frame-ancestors 'none'",
    "base-uri 'self'",
    `form-action 'self' ${authOrigin}`,
    "object-src 'none'",
  ].join('; ');
}

function origin(url: string): string {
  try {
    return new URL(url).origin;
  } catch {
    return '';
  }
}

export function proxy(request: NextRequest) {
  const { pathname, search } = request.nextUrl;
  const signedIn = SESSION_COOKIES.some((name) => request.cookies.has(name));
  if (!signedIn && !PUBLIC_FILES.includes(pathname) && !PUBLIC_PATHS.some((path) => pathname.startsWith(path))) {
    const signIn = new URL('/sign-in', request.url);
    if (pathname !== '/') signIn.searchParams.set('callbackUrl', `${pathname}${search}`);
    return NextResponse.redirect(signIn);
  }

  const nonce = Buffer.from(crypto.randomUUID()).toString('base64');
  const csp = contentSecurityPolicy(nonce);
  const headers = new Headers(request.headers);
  headers.set('x-nonce', nonce);
  headers.set('content-security-policy', csp);
  const response = NextResponse.next({ request: { headers } });
  response.headers.set('content-security-policy', csp);
  return response;
}

export const config = {
  // Route handlers under /api (the health and metrics endpoints included) answer JSON or redirects and
  // check their own callers: no page to protect with a CSP nonce, and the public API should not pay
  // for one on every request. Static files need no nonce either (PUBLIC_FILES, kept in step by a test).
  matcher: [
    {
      source:
        '/((?!api/|_next/static|_next/image|favicon.ico|icon.svg|apple-touch-icon.png|icon-192.png|icon-512.png|manifest.webmanifest|robots.txt).*)',
    },
  ],
};
