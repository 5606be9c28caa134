import type { z } from 'zod';

/*
 * The one error shape of /api/v1: `{ "error": { "code", "message", "field"?, "details"? } }`. `code` is a
 * snake_case literal a program switches on; `message` is a sentence a person reads; `field` is the dotted path
 * of the first offending input field; `details` lists every problem when there are several.
 */
export const API_ERROR_CODES = {
  unauthenticated: 401,
  not_found: 404,
  method_not_allowed: 405,
  validation_failed: 422,
  idempotency_key_reused: 422,
  invalid_json: 400,
  unsupported_media_type: 415,
  payload_too_large: 413,
  rate_limited: 429,
  conflict: 409,
  internal_error: 500,
} as const;
export type ApiErrorCode = keyof typeof API_ERROR_CODES;

export interface ApiErrorDetail {
  field: string;
  message: string;
}

export interface ApiErrorBody {
  error: { code: ApiErrorCode; message: string; field?: string; details?: ApiErrorDetail[] };
}

type Issue = z.core.$ZodIssue;

const pathOf = (path: readonly PropertyKey[]) => path.map(String).join('.') || 'body';

/** A branch that failed only on its own top-level type ("expected array") is not the one the caller meant. */
const rejectedAtRoot = (issues: readonly Issue[]) =>
  issues.length === 1 && issues[0]?.code === 'invalid_type' && issues[0].path.length === 0;

/**
 * Zod issues as field problems. For "object or list" unions, the problems of the branch matching the input's
 * shape are reported (so a bad value in a list names `options.priority_mapping.0.Highest`), not "Invalid input".
 */
export function detailsOf(issues: readonly Issue[], prefix: readonly PropertyKey[] = []): ApiErrorDetail[] {
  return issues.flatMap((issue): ApiErrorDetail[] => {
    const path = [...prefix, ...issue.path];
    if (issue.code === 'unrecognized_keys') {
      return issue.keys.map((key) => ({ field: pathOf([...path, key]), message: `Unknown field "${key}"; remove it and send again.` }));
    }
    if (issue.code === 'invalid_union') {
      const matching = issue.errors.filter((branch) => !rejectedAtRoot(branch));
      if (matching.length === 1) return detailsOf(matching[0]!, path);
    }
    return [{ field: pathOf(path), message: issue.message }];
  });
}

export function validationError(issues: readonly Issue[]): ApiErrorBody {
  const details = detailsOf(issues);
  const first = details[0];
  return {
    error: {
      code: 'validation_failed',
      message: first ? `${first.field}: ${first.message}` : 'The request is not valid.',
      ...(first ? { field: first.field } : {}),
      details,
    },
  };
}
