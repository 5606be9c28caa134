import 'server-only';
import http from 'node:http';
import https from 'node:https';
import type { LookupFunction } from 'node:net';
import { RequestFilteringHttpAgent, RequestFilteringHttpsAgent } from 'request-filtering-agent';
import type { AttemptOutcome } from './retry-policy';

export interface SendResult {
  outcome: AttemptOutcome;
  statusCode: number | null;
  latencyMs: number;
  /** A short kind for the delivery log; never the consumer's response body. */
  error: string | null;
}

export interface SendOptions {
  allowPrivate: boolean;
  timeoutMs?: number;
  /** Tests stub DNS with it (a name that resolves to 127.0.0.1); production uses the system resolver. */
  lookup?: LookupFunction;
}

const USER_AGENT = 'Portico-Webhooks/1';

// One agent per mode: request-filtering-agent checks the address DNS returned when the socket connects, so
// a name pointing at 127.0.0.1, 169.254.169.254 or ::ffff:10.0.0.1 is refused however the URL spelled it.
const agents = {
  strict: { http: new RequestFilteringHttpAgent({ keepAlive: false }), https: new RequestFilteringHttpsAgent({ keepAlive: false }) },
  open: {
    http: new RequestFilteringHttpAgent({ keepAlive: false, allowPrivateIPAddress: true }),
    https: new RequestFilteringHttpsAgent({ keepAlive: false, allowPrivateIPAddress: true }),
  },
};

/**
 * One POST of a signed body. Redirects are never followed (a 3xx is a failed attempt): a redirect is the
 * classic way around an address check, and a consumer can configure its final URL. Resolves, never throws.
 */
export function sendWebhook(url: string, body: string, headers: Record<string, string>, options: SendOptions): Promise<SendResult> {
  const started = performance.now();
  const elapsed = () => Math.round(performance.now() - started);
  return new Promise<SendResult>((resolve) => {
    let target: URL;
    try {
      target = new URL(url);
    } catch {
      resolve({ outcome: 'blocked', statusCode: null, latencyMs: 0, error: 'invalid_url' });
      return;
    }
    const secure = target.protocol === 'https:';
    if (!secure && target.protocol !== 'http:') {
      resolve({ outcome: 'blocked', statusCode: null, latencyMs: 0, error: 'unsupported_scheme' });
      return;
    }
    const mode = options.allowPrivate ? agents.open : agents.strict;
    const request = (secure ? https : http).request(target, {
      method: 'POST',
      agent: secure ? mode.https : mode.http,
      headers: { 'content-type': 'application/json', 'user-agent': USER_AGENT, 'content-length': Buffer.byteLength(body), ...headers },
      timeout: options.timeoutMs ?? 10_000,
      ...(options.lookup ? { lookup: options.lookup } : {}),
    });
    let settled = false;
    const finish = (result: SendResult) => {
      if (settled) return;
      settled = true;
      resolve(result);
    };
    request.on('response', (response) => {
      const statusCode = response.statusCode ?? 0;
      // The body is not kept (it could hold anything); drained so the socket closes.
      response.resume();
      response.on('end', () => finish(resultFor(statusCode, elapsed())));
      response.on('error', () => finish(resultFor(statusCode, elapsed())));
    });
    request.on('timeout', () => {
      request.destroy();
      finish({ outcome: 'timeout', statusCode: null, latencyMs: elapsed(), error: 'timeout' });
    });
    request.on('error', (error: NodeJS.ErrnoException) => finish(errorResult(error, elapsed())));
    request.end(body);
  });
}

function resultFor(statusCode: number, latencyMs: number): SendResult {
  if (statusCode >= 200 && statusCode < 300) return { outcome: 'success', statusCode, latencyMs, error: null };
  return { outcome: 'http_error', statusCode, latencyMs, error: statusCode >= 300 && statusCode < 400 ? 'redirect_not_followed' : `http_${statusCode}` };
}

function errorResult(error: NodeJS.ErrnoException, latencyMs: number): SendResult {
  if (/is not allowed/.test(error.message)) return { outcome: 'blocked', statusCode: null, latencyMs, error: 'private_address' };
  if (error.code === 'ECONNREFUSED') return { outcome: 'refused', statusCode: null, latencyMs, error: 'connection_refused' };
  if (error.code === 'ETIMEDOUT' || error.code === 'ESOCKETTIMEDOUT') return { outcome: 'timeout', statusCode: null, latencyMs, error: 'timeout' };
  return { outcome: 'network', statusCode: null, latencyMs, error: error.code ? error.code.toLowerCase() : 'network_error' };
}
