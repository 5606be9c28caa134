import { z } from 'zod';

/** Generous bounds: Atlassian's codes and our states are far shorter; anything longer is hostile. */
export const callbackParamsSchema = z.object({
  state: z.string().min(1).max(256).regex(/^[A-Za-z0-9_-]+$/).optional(),
  code: z.string().min(1).max(4096).regex(/^[\x21-\x7e]+$/).optional(),
  error: z.string().min(1).max(64).regex(/^[a-z_]+$/).optional(),
  error_description: z.string().max(1024).optional(),
});

export type CallbackParams = z.infer<typeof callbackParamsSchema>;

/** Parses the callback's query; repeated or unexpected parameters make it malformed. */
export function parseCallbackParams(searchParams: URLSearchParams): CallbackParams | undefined {
  if (searchParams.toString().length > 8192) return undefined;
  const entries: Record<string, string> = {};
  for (const [key, value] of searchParams) {
    if (key in entries) return undefined;
    entries[key] = value;
  }
  const parsed = callbackParamsSchema.safeParse(entries);
  return parsed.success ? parsed.data : undefined;
}
