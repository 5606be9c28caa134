import 'server-only';
import type { NextResponse } from 'next/server';
import { authenticateApiKey, type ApiCaller } from '@/lib/api/keys/authenticate';
import { env } from '@/lib/config/env';
import { createRateLimiter } from './rate-limit';
import { apiError } from './respond';

let limiter: ReturnType<typeof createRateLimiter> | undefined;
const takeToken = (keyId: string) => {
  limiter ??= createRateLimiter({ perMinute: env().PORTICO_API_RATE_LIMIT_PER_MINUTE });
  return limiter(keyId);
};

type Handler<Params> = (input: { request: Request; caller: ApiCaller; params: Params }) => Promise<NextResponse>;

/**
 * Every /api/v1 handler goes through this: API key → rate limit → handler, and any unexpected failure
 * becomes the API's error shape with one generic sentence (never an upstream body or a stack).
 */
export function apiRoute<Params = Record<string, never>>(handler: Handler<Params>) {
  return async (request: Request, context: { params: Promise<Params> }): Promise<NextResponse> => {
    try {
      const caller = await authenticateApiKey(request);
      if (!caller) {
        return apiError('unauthenticated', 'Send a valid, unrevoked API key as "Authorization: Bearer <key>". Admins create keys under Settings › API keys.', {
          headers: { 'WWW-Authenticate': 'Bearer' },
        });
      }
      const verdict = takeToken(caller.keyId);
      const limitHeaders = { 'RateLimit-Limit': String(verdict.limit), 'RateLimit-Remaining': String(verdict.remaining) };
      if (!verdict.allowed) {
        return apiError('rate_limited', `Too many requests with this API key. Wait ${verdict.retryAfterSecs} seconds and try again.`, {
          headers: { ...limitHeaders, 'Retry-After': String(verdict.retryAfterSecs) },
        });
      }
      const response = await handler({ request, caller, params: await context.params });
      for (const [name, value] of Object.entries(limitHeaders)) response.headers.set(name, value);
      return response;
    } catch (error) {
      console.error(`[api/v1] unexpected failure: ${error instanceof Error ? error.name : 'unknown error'}`);
      return apiError('internal_error', 'Something went wrong on our side. Try again; if it persists, contact support.');
    }
  };
}
