import 'server-only';
import type { NextResponse } from 'next/server';
import { authenticateApiKey, type ApiCaller } from '@/lib/api/keys/authenticate';
import { clientIp } from '@/lib/http/client-ip';
import { bindLogContext } from '@/lib/observability/request-context';
import { uuidSchema } from '@/lib/validation/uuid';
import { apiLimiters } from './rate-limit';
import { apiError } from './respond';

type Handler<Params> = (input: { request: Request; caller: ApiCaller; params: Params }) => Promise<NextResponse>;

/**
 * Every /api/v1 handler goes through this, inside defineRoute (which turns an unexpected failure into the
 * API's error shape with one generic sentence and the request id): API key (bad ones limited per
 * address) → rate limit per key → handler.
 */
export function apiRoute<Params = Record<string, never>>(handler: Handler<Params>) {
  return async (request: Request, context: { params: Promise<Params> }): Promise<NextResponse> => {
    const caller = await authenticateApiKey(request);
    if (!caller) {
      const refused = await apiLimiters().badKey.take(clientIp(request.headers));
      if (!refused.allowed) {
        return apiError('rate_limited', `Too many requests without a valid API key from your address. Wait ${refused.retryAfterSecs} seconds, then send a valid key.`, {
          headers: { 'Retry-After': String(refused.retryAfterSecs) },
        });
      }
      return apiError('unauthenticated', 'Send a valid, unrevoked API key as "Authorization: Bearer <key>". Admins create keys under Settings › API keys.', {
        headers: { 'WWW-Authenticate': 'Bearer' },
      });
    }
    const params = await context.params;
    // Only a well-formed id reaches the log: the path segment is whatever the client sent.
    const connectionId = uuidSchema.safeParse((params as { connectionId?: unknown } | undefined)?.connectionId);
    bindLogContext({ orgId: caller.orgId, connectionId: connectionId.success ? connectionId.data : undefined });
    const verdict = await apiLimiters().perKey.take(caller.keyId);
    const limitHeaders = { 'RateLimit-Limit': String(verdict.limit), 'RateLimit-Remaining': String(verdict.remaining) };
    if (!verdict.allowed) {
      return apiError('rate_limited', `Too many requests with this API key. Wait ${verdict.retryAfterSecs} seconds and try again.`, {
        headers: { ...limitHeaders, 'Retry-After': String(verdict.retryAfterSecs) },
      });
    }
    const response = await handler({ request, caller, params });
    for (const [name, value] of Object.entries(limitHeaders)) response.headers.set(name, value);
    return response;
  };
}
