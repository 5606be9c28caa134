import 'server-only';
import { NextResponse } from 'next/server';
import type { z } from 'zod';
import type { RenderFailure } from '@/lib/http/route-failure';
import { API_ERROR_CODES, validationError, type ApiErrorBody, type ApiErrorCode } from './errors';

const NO_STORE = { 'Cache-Control': 'no-store' };

export function apiJson(status: number, body: unknown, headers: Record<string, string> = {}): NextResponse {
  return NextResponse.json(body, { status, headers: { ...NO_STORE, ...headers } });
}

export function apiError(
  code: ApiErrorCode,
  message: string,
  extra: { field?: string; headers?: Record<string, string>; status?: number } = {},
): NextResponse {
  const body: ApiErrorBody = { error: { code, message, ...(extra.field ? { field: extra.field } : {}) } };
  return apiJson(extra.status ?? API_ERROR_CODES[code], body, extra.headers);
}

export function apiValidationError(issues: readonly z.core.$ZodIssue[]): NextResponse {
  return apiJson(422, validationError(issues));
}

export const connectionNotFound = () =>
  apiError('not_found', 'No connection with this id exists in the organization of this API key.');

/** The route wrapper's own answers (405, 500) in the API's error shape; the request id is in X-Request-Id. */
export const renderApiFailure: RenderFailure = (failure) => {
  if (failure.status === 405) return apiError('method_not_allowed', failure.message, { headers: { Allow: failure.allow } });
  if (failure.status === 500) return apiError('internal_error', failure.message);
  return apiJson(failure.status, { error: { code: failure.code, message: failure.message } });
};
