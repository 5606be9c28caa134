import 'server-only';

import type { z } from 'zod';

import { jiraCalls } from '@/lib/observability/metrics';
import { log } from '@/lib/observability/request-context';
import { atlassianRequestIds, classifyFailure } from './classify-failure';
import { JiraError } from './errors';
import { parseResponseBody, type Parsed } from './parse-response';
import type { JiraCallEvent, Transport } from './transport';

export type RequestSpec<S extends z.ZodType> = {
  operation: string;
  method: 'GET' | 'POST' | 'PUT' | 'DELETE';
  url: string;
  body?: unknown;
  schema: S;
  /** The operation answers without a body (DELETE webhook: 202): the schema then parses `undefined`. */
  noBody?: boolean;
  /** POSTs that only read (search/jql, approximate-count) are as safe to retry as GETs. */
  readOnly?: boolean;
};

/**
 * Sends one logical call: on a 401 asks the token source once for a better token (which refreshes only
 * when that can help), waits out short 429s, retries reads once on 5xx.
 */
export async function sendRequest<S extends z.ZodType>(
  transport: Transport,
  spec: RequestSpec<S>,
): Promise<z.output<S>> {
  const retrySafe = spec.method === 'GET' || spec.readOnly === true;
  let rejectedToken: string | undefined;
  let unauthorized: JiraError | undefined;
  let refreshed = false;
  let rateLimitRetries = 0;
  let upstreamRetried = false;

  for (let attempt = 1; ; attempt += 1) {
    // Errors from getAccessToken (e.g. token_refresh_failed) propagate unchanged on purpose.
    const token = await transport.getAccessToken(rejectedToken ? { forceRefresh: true, rejectedToken } : { forceRefresh: false });
    // The token source kept the refused token (the grant does not reach this site; a refresh would not
    // change that): the 401 stands, without sending the same request again.
    if (rejectedToken !== undefined && token === rejectedToken && unauthorized) throw unauthorized;
    rejectedToken = undefined;
    const result = await attemptOnce(transport, spec, token, attempt);
    if (result.ok) return result.value;
    const { error } = result;

    // Scope mismatches arrive as forbidden_scope, never here: a new token cannot gain scopes.
    if (error.kind === 'token_unusable' && transport.canRefresh && !refreshed) {
      refreshed = true;
      rejectedToken = token;
      unauthorized = error;
      continue;
    }
    if (error.kind === 'rate_limited' && rateLimitRetries < transport.rateLimit.maxRetries) {
      // 429s may come without Retry-After (jira.atlassian.com/browse/JRACLOUD-82801); Atlassian's
      // rate-limiting guide then asks for exponential backoff, so wait 1 s, 2 s, …
      const waitSecs = error.retryAfterSecs ?? 2 ** rateLimitRetries;
      if (waitSecs <= transport.rateLimit.maxWaitSecs) {
        rateLimitRetries += 1;
        await transport.sleep(waitSecs * 1000);
        continue;
      }
    }
    if (error.kind === 'upstream' && retrySafe && !upstreamRetried) {
      upstreamRetried = true;
      await transport.sleep(transport.upstreamRetryDelayMs);
      continue;
    }
    throw error;
  }
}

async function attemptOnce<S extends z.ZodType>(
  transport: Transport,
  spec: RequestSpec<S>,
  token: string,
  attempt: number,
): Promise<Parsed<z.output<S>>> {
  const { operation } = spec;
  const started = performance.now();
  const report = (status: number, error?: JiraError, headers?: Headers) =>
    notify(transport, {
      ...(headers ? atlassianRequestIds(headers) : {}),
      operation,
      status,
      durationMs: Math.round(performance.now() - started),
      attempt,
      errorKind: error?.kind,
      rateLimitReason: error?.rateLimitReason,
      rateLimitReset: error?.rateLimitReset,
      retryAfterSecs: error?.retryAfterSecs,
    });

  let response: Response;
  let text: string;
  try {
    response = await transport.fetch(spec.url, {
      method: spec.method,
      headers: {
        Authorization: `Bearer ${token}`,
        Accept: 'application/json',
        ...(spec.body === undefined ? {} : { 'Content-Type': 'application/json' }),
      },
      body: spec.body === undefined ? undefined : JSON.stringify(spec.body),
      // Never follow a redirect: it would carry the bearer token to wherever it points.
      redirect: 'manual',
      signal: AbortSignal.timeout(transport.timeoutMs),
    });
    if (!response.ok) {
      const error = await classifyFailure(response, operation);
      report(response.status, error, response.headers);
      return { ok: false, error };
    }
    text = await response.text();
  } catch (cause) {
    const timedOut = cause instanceof Error && cause.name === 'TimeoutError';
    const error = new JiraError(
      'upstream',
      timedOut
        ? `Jira call ${operation} timed out after ${transport.timeoutMs} ms. Try again shortly.`
        : `Jira call ${operation} could not reach Jira (network error). Try again shortly.`,
      { operation, cause: timedOut ? undefined : cause },
    );
    report(0, error);
    return { ok: false, error };
  }

  const parsed = spec.noBody ? parseNoBody(spec.schema, operation, response.status) : parseResponseBody(text, spec.schema, operation, response.status);
  report(response.status, parsed.ok ? undefined : parsed.error, response.headers);
  return parsed;
}

function parseNoBody<S extends z.ZodType>(schema: S, operation: string, status: number): Parsed<z.output<S>> {
  const result = schema.safeParse(undefined);
  return result.success ? { ok: true, value: result.data } : { ok: false, error: new JiraError('bad_response', `Jira call ${operation} returned an unexpected answer.`, { operation, status }) };
}

function notify(transport: Transport, event: JiraCallEvent): void {
  try {
    jiraCalls.inc({ operation: event.operation, outcome: event.errorKind ?? 'ok' });
    // Failures at warn with Atlassian's request ids (what its support asks for); successes at debug.
    if (event.errorKind) log().warn({ jiraCall: event }, 'jira call failed');
    else log().debug({ jiraCall: event }, 'jira call');
    transport.onCall?.(event);
  } catch {
    // An observer must never break the call it observes.
  }
}
