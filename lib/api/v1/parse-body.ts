import 'server-only';
import type { NextResponse } from 'next/server';
import type { z } from 'zod';
import { readLimitedJson } from '@/lib/http/read-limited-json';
import { apiError, apiValidationError } from './respond';
import { MAX_API_BODY_BYTES } from './schemas';

/** Body → JSON (size-capped, JSON content type) → zod; every refusal in the API's error shape. */
export async function parseBody<S extends z.ZodType>(
  request: Request,
  schema: S,
): Promise<{ data: z.output<S>; response?: undefined } | { response: NextResponse }> {
  const read = await readLimitedJson(request, MAX_API_BODY_BYTES);
  if ('response' in read) {
    if (read.textProblem) return { response: apiError('validation_failed', read.textProblem.message, { field: read.textProblem.field }) };
    if (read.response.status === 413) {
      return { response: apiError('payload_too_large', `The request body is larger than ${MAX_API_BODY_BYTES / 1024} KiB; send less at once.`, { field: 'body' }) };
    }
    if (read.response.status === 415) {
      return { response: apiError('unsupported_media_type', 'Send the body as JSON with "Content-Type: application/json".', { field: 'body' }) };
    }
    return { response: apiError('invalid_json', 'The request body is not valid JSON.', { field: 'body' }) };
  }
  const parsed = schema.safeParse(read.body);
  if (!parsed.success) return { response: apiValidationError(parsed.error.issues) };
  return { data: parsed.data };
}
