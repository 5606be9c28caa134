/**
 * Errors as log fields: type, message and stack, plus the classification fields Portico's own errors
 * carry (a Jira error's kind, operation, status and Atlassian request id). An allowlist, not pino's
 * default serializer, which copies every enumerable property: oauth4webapi's ResponseBodyError keeps
 * the token endpoint's parsed body in `cause`, and a copied body could hold anything.
 */
const SAFE_FIELDS = [
  'code',
  'kind',
  'reason',
  'operation',
  'status',
  'atlassianRequestId',
  'atlassianTraceId',
] as const;
const MAX_CAUSE_DEPTH = 3;

export type SerializedError = {
  type: string;
  message: string;
  stack?: string;
  cause?: SerializedError;
} & Partial<Record<(typeof SAFE_FIELDS)[number], string | number>>;

// drizzle's DrizzleQueryError puts the statement's parameters in its message ("Failed query: …\nparams: a,b"):
// values such as a ciphertext or a hashed key have no place in a log line; the statement itself stays.
const QUERY_PARAMS = /\nparams: [\s\S]*?(?=\n\s+at |$)/;
const withoutParams = (text: string) => text.replace(QUERY_PARAMS, '\nparams: [redacted]');

export function serializeError(error: unknown, depth = 0): SerializedError {
  if (!(error instanceof Error)) return { type: typeof error, message: 'A non-Error value was thrown.' };
  const serialized: SerializedError = {
    type: error.name,
    message: withoutParams(error.message),
    stack: error.stack === undefined ? undefined : withoutParams(error.stack),
  };
  const fields = error as unknown as Record<string, unknown>;
  for (const field of SAFE_FIELDS) {
    const value = fields[field];
    if (typeof value === 'string' || typeof value === 'number') serialized[field] = value;
  }
  if (error.cause instanceof Error && depth < MAX_CAUSE_DEPTH)
    serialized.cause = serializeError(error.cause, depth + 1);
  return serialized;
}
