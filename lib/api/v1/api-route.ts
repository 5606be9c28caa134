import 'server-only';
import type { NextResponse } from 'next/server';
import { authenticateApiKey, type ApiCaller } from '@/lib/api/keys/authenticate';
import { clientIp } from '@/lib/http/client-ip';
import { apiLimiters } from './rate-limit';
import { apiError } from './respond';

type Handler<Params> = (input: { request: Request; caller: ApiCaller; params: Params }) => Promise<NextResponse>;

/**
 * Every /api/v1 handler goes through this: API key (bad ones limited per address) → rate limit per key → handler, and any unexpected failure
 * becomes the API's error shape with one generic sentence (never an upstream body or a stack).
 */
export function apiRoute<Params = Record<string, never>>(handler: Handler<Params>) {
  return async (request: Request, context: { params: Promise<Params> }): Promise<NextResponse> => {
    try {
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
      const verdict = await apiLimiters().perKey.take(caller.keyId);
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
