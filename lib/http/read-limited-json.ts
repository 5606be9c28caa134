import 'server-only';
import type { NextResponse } from 'next/server';
import { findUnstorableText, type TextProblem } from '@/lib/validation/storable-text';
import { jsonError } from './json';

/**
 * Reads a JSON request body, refusing it with 413 as soon as it passes `maxBytes` (by Content-Length, or while
 * streaming when the header is absent or lies), 415 unless it is declared as JSON, and 400 when it does not
 * parse. Requiring the JSON content type also means a cross-site form cannot reach the handler without a
 * CORS preflight. Text the database cannot store (lone surrogates, NUL, "__proto__" keys) is refused here
 * with 422 naming the field, so no route can forget it; `textProblem` lets the API answer in its own shape.
 */
export async function readLimitedJson(
  request: Request,
  maxBytes: number,
): Promise<{ body: unknown } | { response: NextResponse; textProblem?: TextProblem }> {
  const tooLarge = () => ({
    response: jsonError(
      413,
      'payload_too_large',
      `The request body is larger than ${maxBytes / 1024} KiB. Save fewer changes at once.`,
      {
        limitBytes: maxBytes,
      },
    ),
  });
  const type = request.headers.get('content-type') ?? '';
  if (!/^application\/json\s*(;|$)/i.test(type)) {
    return {
      response: jsonError(
        415,
        'unsupported_media_type',
        'Send the request body as JSON with Content-Type: application/json.',
      ),
    };
  }
  if (Number(request.headers.get('content-length') ?? 0) > maxBytes) return tooLarge();

  const chunks: Uint8Array[] = [];
  let size = 0;
  if (request.body) {
    const reader = request.body.getReader();
    for (;;) {
      const { done, value } = await reader.read();
      if (done) break;
      size += value.byteLength;
      if (size > maxBytes) {
        await reader.cancel();
        return tooLarge();
      }
      chunks.push(value);
    }
  }
  let body: unknown;
  try {
    body = JSON.parse(Buffer.concat(chunks).toString('utf8')) as unknown;
  } catch {
    return {
      response: jsonError(400, 'invalid_json', 'The request body is not valid JSON. Reload the page and try again.'),
    };
  }
  const textProblem = findUnstorableText(body);
  if (textProblem) {
    return {
      textProblem,
      response: jsonError(422, 'invalid_text', textProblem.message, { field: textProblem.field, fieldErrors: { [textProblem.field]: [textProblem.message] } }),
    };
  }
  return { body };
}
