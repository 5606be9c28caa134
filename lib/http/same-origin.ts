import 'server-only';
import { env } from '@/lib/config/env';

/**
 * CSRF defence for state-changing route handlers reached by plain forms (server actions get
 * Next's own origin check). Browsers send Origin on every cross-site POST.
 */
export function isSameOriginPost(request: Request): boolean {
  const origin = request.headers.get('origin');
  if (origin) return origin === new URL(env().PORTICO_BASE_URL).origin || origin === new URL(request.url).origin;
  return request.headers.get('sec-fetch-site') === 'same-origin';
}
