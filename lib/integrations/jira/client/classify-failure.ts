import { JiraError } from './errors';

// Turns a non-2xx response into a JiraError. Bodies are read only to recognise the gateway's
// scope error and are never copied into the error.

// The api.atlassian.com gateway answers a token that lacks a scope the endpoint needs with
// 401 {"code":401,"message":"Unauthorized; scope does not match"} (jira.atlassian.com/browse/ID-9034).
// Refreshing cannot fix that: the user must reconnect with the missing scope.
const SCOPE_MISMATCH = /scope does not match/i;

/**
 * Atlassian's ids of a request, when it sent them: `x-arequestid` (Jira's request id) and `atl-traceid`
 * (the edge's trace id), both seen in recorded api.atlassian.com responses. Kept only if they look
 * like ids, since they end up in log lines.
 */
export function atlassianRequestIds(headers: Headers): { atlassianRequestId?: string; atlassianTraceId?: string } {
  const id = (value: string | null) => (value && /^[\w.:-]{1,128}$/.test(value) ? value : undefined);
  return { atlassianRequestId: id(headers.get('x-arequestid')), atlassianTraceId: id(headers.get('atl-traceid')) };
}

export async function classifyFailure(response: Response, operation: string): Promise<JiraError> {
  const status = response.status;
  const body = await response.text().catch(() => '');
  const where = `Jira call ${operation} failed with HTTP ${status}`;
  const ids = atlassianRequestIds(response.headers);

  if (status === 401 && isScopeMismatch(body)) {
    return new JiraError(
      'forbidden_scope',
      `${where}: the connection lacks an OAuth scope this call needs. Reconnect Jira to grant it.`,
      { operation, status, ...ids },
    );
  }
  if (status === 401) {
    return new JiraError(
      'token_unusable',
      `${where}: Jira did not accept the access token. Reconnect Jira if this persists.`,
      { operation, status, ...ids },
    );
  }
  if (status === 403) {
    return new JiraError('forbidden', `${where}: the Jira user lacks the permission this call needs.`, {
      operation,
      status,
      ...ids,
    });
  }
  // Jira answers 404 both for a missing item and for one the user may not browse (OpenAPI,
  // GET /rest/api/3/project/{projectIdOrKey}), so not_found can also mean "no permission".
  if (status === 404) {
    return new JiraError('not_found', `${where}: the item does not exist or the Jira user cannot see it.`, {
      operation,
      status,
      ...ids,
    });
  }
  if (status === 429) {
    const retryAfterSecs = parseRetryAfter(response.headers.get('retry-after'));
    return new JiraError('rate_limited', `${where}: Jira is rate limiting this site. Try again later.`, {
      operation,
      status,
      ...ids,
      retryAfterSecs,
      rateLimitReason: response.headers.get('ratelimit-reason') ?? undefined,
      rateLimitReset: response.headers.get('x-ratelimit-reset') ?? undefined,
    });
  }
  if (status >= 400 && status < 500) {
    return new JiraError('bad_request', `${where}: Jira rejected the request.`, { operation, status, ...ids });
  }
  return new JiraError('upstream', `${where}: Jira is unavailable or failing. Try again shortly.`, {
    operation,
    status,
    ...ids,
    retryAfterSecs: parseRetryAfter(response.headers.get('retry-after')),
  });
}

function isScopeMismatch(body: string): boolean {
  try {
    const parsed: unknown = JSON.parse(body);
    const message =
      typeof parsed === 'object' && parsed !== null ? (parsed as { message?: unknown }).message : undefined;
    return typeof message === 'string' && SCOPE_MISMATCH.test(message);
  } catch {
    return false;
  }
}

/** Retry-After is delta-seconds in Jira's examples; the HTTP-date form (RFC 9110 §10.2.3) is accepted too. */
export function parseRetryAfter(value: string | null, now = Date.now()): number | undefined {
  if (value === null || value.trim() === '') return undefined;
  const trimmed = value.trim();
  if (/^\d+$/.test(trimmed)) return Number(trimmed);
  // Date.parse accepts odd inputs such as "-3"; an HTTP-date always names a weekday and month.
  if (!/^[A-Za-z]{3}, /.test(trimmed)) return undefined;
  const date = Date.parse(trimmed);
  return Number.isNaN(date) ? undefined : Math.max(0, Math.ceil((date - now) / 1000));
}
