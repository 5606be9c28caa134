import { z } from 'zod';

/** Generous bounds: Atlassian's codes and our states are far shorter; anything longer is hostile. */
export const callbackParamsSchema = z.object({
  state: z.string().min(1).max(256).regex(/^[A-Za-z0-9_-]+$/).optional(),
  code: z.string().min(1).max(4096).regex(/^[\x21-\x7e]+$/).optional(),
  error: z.string().min(1).max(64).regex(/^[a-z_]+$/).optional(),
  error_description: z.string().max(1024).optional(),
});

export type CallbackParams = z.infer<typeof callbackParamsSchema>;

/**
 * Parses the callback's query. A repeated parameter makes it malformed (which value would count?);
 * parameters Portico does not use are ignored, as RFC 6749 asks of clients.
 */
export function parseCallbackParams(searchParams: URLSearchParams): CallbackParams | undefined {
  if (searchParams.toString().length > 8192) return undefined;
  const entries = new Map<string, string>();
  for (const [key, value] of searchParams) {
    if (entries.has(key)) return undefined;
    entries.set(key, value);
  }
  const parsed = callbackParamsSchema.safeParse(Object.fromEntries(entries));
  return parsed.success ? parsed.data : undefined;
}
