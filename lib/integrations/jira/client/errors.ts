// Every failure of a Jira call becomes a JiraError whose `kind` the UI and diagnostics switch on.
// Messages are built here from the operation name and status only: never a token, never an
// upstream body (Jira echoes JQL and field values in `errorMessages`).

export type JiraErrorKind =
  | 'token_unusable'
  | 'forbidden_scope'
  | 'forbidden'
  | 'not_found'
  | 'rate_limited'
  | 'upstream'
  | 'bad_response'
  | 'bad_request';

export type JiraErrorDetails = {
  operation: string;
  status?: number;
  /** Seconds Jira asked us to wait (Retry-After), when it said. */
  retryAfterSecs?: number;
  /** `RateLimit-Reason`, e.g. `jira-burst-based` or `jira-quota-global-based`. */
  rateLimitReason?: string;
  /** Raw `X-RateLimit-Reset`: documented as ISO 8601, seen as epoch seconds through a proxy, so not parsed. */
  rateLimitReset?: string;
  /** For bad_response: the paths and messages of failed zod checks, never the values. */
  issues?: string[];
  /** Atlassian's ids of the failed request (`x-arequestid`, `atl-traceid`): what Atlassian support asks for. */
  atlassianRequestId?: string;
  atlassianTraceId?: string;
  cause?: unknown;
};

export class JiraError extends Error {
  override readonly name = 'JiraError';
  readonly kind: JiraErrorKind;
  readonly operation: string;
  readonly status?: number;
  readonly retryAfterSecs?: number;
  readonly rateLimitReason?: string;
  readonly rateLimitReset?: string;
  readonly issues?: string[];
  readonly atlassianRequestId?: string;
  readonly atlassianTraceId?: string;

  constructor(kind: JiraErrorKind, message: string, details: JiraErrorDetails) {
    super(message, details.cause === undefined ? undefined : { cause: details.cause });
    this.kind = kind;
    this.operation = details.operation;
    this.status = details.status;
    this.retryAfterSecs = details.retryAfterSecs;
    this.rateLimitReason = details.rateLimitReason;
    this.rateLimitReset = details.rateLimitReset;
    this.issues = details.issues;
    this.atlassianRequestId = details.atlassianRequestId;
    this.atlassianTraceId = details.atlassianTraceId;
  }
}

export function isJiraError(error: unknown): error is JiraError {
  return error instanceof JiraError;
}
