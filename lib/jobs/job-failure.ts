import { serializeError } from '@/lib/observability/serialize-error';

/** What a failed attempt leaves on the job (pg-boss's `output`), shown to admins in Settings › Background jobs. */
export interface JobFailure {
  message: string;
  /** A Portico error's classification (a Jira error's kind, a grant's reason), when it has one. */
  kind?: string;
  /** Attempts made so far, this one included. */
  attempts: number;
}

const MAX_MESSAGE = 500;

/**
 * Only the message and classification of an error, never its stack, cause or enumerable properties:
 * pg-boss would otherwise store the whole serialized error, and a cause can carry an upstream body.
 * serializeError already drops a failed query's parameters.
 */
export function describeJobFailure(error: unknown, attempts: number): JobFailure {
  const serialized = serializeError(error);
  const kind = serialized.kind ?? serialized.reason ?? serialized.code;
  const message = serialized.message.split('\n')[0]!.slice(0, MAX_MESSAGE) || serialized.type;
  return { message, ...(kind === undefined ? {} : { kind: String(kind) }), attempts };
}
