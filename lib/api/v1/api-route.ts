import 'server-only';
import type { NextResponse } from 'next/server';
import { authenticateApiKey, type ApiCaller } from '@/lib/api/keys/authenticate';
import { env } from '@/lib/config/env';
import { bindLogContext } from '@/lib/observability/request-context';
import { uuidSchema } from '@/lib/validation/uuid';
import { createRateLimiter } from './rate-limit';
import { apiError } from './respond';

let limiter: ReturnType<typeof createRateLimiter> | undefined;
const takeToken = (keyId: string) => {
  limiter ??= createRateLimiter({ perMinute: env().PORTICO_API_RATE_LIMIT_PER_MINUTE });
  return limiter(keyId);
};

type Handler<Params> = (input: { request: Request; caller: ApiCaller; params: Params }) => Promise<NextResponse>;

/**
 * Every /api/v1 handler goes through this, inside defineRoute (which turns an unexpected failure into the
 * API's error shape with one generic sentence and the request id): API key → rate limit → handler.
 */
export function apiRoute<Params = Record<string, never>>(handler: Handler<Params>) {
  return async (request: Request, context: { params: Promise<Params> }): Promise<NextResponse> => {
    const caller = await authenticateApiKey(request);
    if (!caller) {
      return apiError('unauthenticated', 'Send a valid, unrevoked API key as "Authorization: Bearer <key>". Admins create keys under Settings › API keys.', {
        headers: { 'WWW-Authenticate': 'Bearer' },
      });
    }
    const params = await context.params;
    // Only a well-formed id reaches the log: the path segment is whatever the client sent.
    const connectionId = uuidSchema.safeParse((params as { connectionId?: unknown } | undefined)?.connectionId);
    bindLogContext({ orgId: caller.orgId, connectionId: connectionId.success ? connectionId.data : undefined });
    const verdict = takeToken(caller.keyId);
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
