import 'server-only';
import { randomUUID } from 'node:crypto';
import { unstable_rethrow } from 'next/navigation';
import { NextResponse } from 'next/server';
import { httpRequestDuration } from '@/lib/observability/metrics';
import { log, runWithRequestContext } from '@/lib/observability/request-context';
import { internalErrorMessage, renderAppFailure, type RenderFailure } from './route-failure';
import { isSameOriginPost } from './same-origin';

const METHODS = ['GET', 'POST', 'PUT', 'PATCH', 'DELETE'] as const;
type Method = (typeof METHODS)[number];
type Handler<Context> = (request: Request, context: Context) => Response | Promise<Response>;
const STATE_CHANGING: ReadonlySet<string> = new Set(['POST', 'PUT', 'PATCH', 'DELETE']);

export interface RouteOptions {
  /** The route's pattern as in app/ (`/api/v1/connections/[connectionId]`): the label of its logs and metrics. */
  route: string;
  /**
   * Cookie-authenticated handlers: a state-changing request must come from Portico's own origin (CSRF;
   * server actions get the same check from Next). API-key routes need none: a browser never adds the key.
   */
  checkOrigin?: boolean;
  renderFailure?: RenderFailure;
}

/**
 * The one wrapper of every route handler (next-auth's own route aside). Each answer carries an
 * X-Request-Id; each request logs one line with its route, status and duration and feeds the latency
 * histogram. An exception becomes a JSON 500 naming the request id (logged with message and stack), a
 * method the route does not serve a JSON 405 with Allow, and a cross-site state change a JSON 403.
 *
 *   export const { GET, POST, PUT, PATCH, DELETE, OPTIONS } = defineRoute({ route: '/api/…' }, { GET: … });
 */
export function defineRoute<Context = unknown>(
  options: RouteOptions,
  handlers: Partial<Record<Method | 'OPTIONS', Handler<Context>>>,
) {
  const render = options.renderFailure ?? renderAppFailure;
  const served = METHODS.filter((method) => handlers[method]);
  const allow = [...served, ...(handlers.GET ? ['HEAD'] : []), 'OPTIONS'].join(', ');

  const answer = async (method: Method | 'OPTIONS', request: Request, context: Context): Promise<Response> => {
    const handler = handlers[method];
    if (method === 'OPTIONS' && !handler) return new NextResponse(null, { status: 204, headers: { Allow: allow } });
    if (!handler) {
      return render({
        status: 405,
        code: 'method_not_allowed',
        message: `${method} is not supported here. Use ${served.join(' or ')}.`,
        allow,
      });
    }
    if (options.checkOrigin && STATE_CHANGING.has(method) && !isSameOriginPost(request)) {
      log().warn('cross-site request refused');
      return render({
        status: 403,
        code: 'cross_site',
        message:
          'This request did not come from a Portico page, so it was refused. Reload Portico and try again from its own page.',
      });
    }
    return handler(request, context);
  };

  const answerOrFail = async (method: Method | 'OPTIONS', request: Request, context: Context, requestId: string) => {
    try {
      return await answer(method, request, context);
    } catch (error) {
      // redirect(), notFound() and Next's dynamic-rendering signals are thrown on purpose: Next answers them.
      unstable_rethrow(error);
      log().error({ err: error }, 'route handler failed');
      return render({ status: 500, code: 'internal_error', message: internalErrorMessage(requestId), requestId });
    }
  };

  const wrap =
    (method: Method | 'OPTIONS') =>
    (request: Request, context: Context): Promise<Response> => {
      const requestId = randomUUID();
      const started = performance.now();
      return runWithRequestContext(requestId, { route: options.route, method: request.method }, async () => {
        const response = withHeader(await answerOrFail(method, request, context, requestId), 'X-Request-Id', requestId);
        const seconds = (performance.now() - started) / 1000;
        httpRequestDuration.observe(
          { route: options.route, method: request.method, status: String(response.status) },
          seconds,
        );
        log().info({ status: response.status, durationMs: Math.round(seconds * 1000) }, 'request handled');
        return response;
      });
    };

  return {
    GET: wrap('GET'),
    POST: wrap('POST'),
    PUT: wrap('PUT'),
    PATCH: wrap('PATCH'),
    DELETE: wrap('DELETE'),
    OPTIONS: wrap('OPTIONS'),
  };
}

/** `Response.redirect()` and fetched responses have immutable headers: copy those before adding one. */
function withHeader(response: Response, name: string, value: string): Response {
  try {
    response.headers.set(name, value);
    return response;
  } catch {
    const copy = new Response(response.body, response);
    copy.headers.set(name, value);
    return copy;
  }
}
