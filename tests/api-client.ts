import { expect } from 'vitest';
import * as connectionRoute from '../app/api/v1/connections/[connectionId]/route';
import * as authorizeUrlRoute from '../app/api/v1/connections/[connectionId]/authorize-url/route';
import * as diagnosticsRoute from '../app/api/v1/connections/[connectionId]/diagnostics/route';
import * as syncRoute from '../app/api/v1/connections/[connectionId]/sync/route';
import * as reconcileRoute from '../app/api/v1/connections/[connectionId]/reconcile/route';
import * as ticketRoute from '../app/api/v1/tickets/[ticketId]/route';
import * as ticketsRoute from '../app/api/v1/tickets/route';
import * as connectionsRoute from '../app/api/v1/connections/route';
import * as openApiRoute from '../app/api/v1/openapi.json/route';
import * as pingRoute from '../app/api/v1/ping/route';
import * as webhookEndpointsRoute from '../app/api/v1/webhook-endpoints/route';
import * as webhookEndpointRoute from '../app/api/v1/webhook-endpoints/[endpointId]/route';
import * as webhookRotateRoute from '../app/api/v1/webhook-endpoints/[endpointId]/rotate-secret/route';
import * as webhookTestRoute from '../app/api/v1/webhook-endpoints/[endpointId]/test/route';
import * as webhookDeliveriesRoute from '../app/api/v1/webhook-endpoints/[endpointId]/deliveries/route';
import * as webhookRedeliverRoute from '../app/api/v1/webhook-endpoints/[endpointId]/deliveries/[deliveryId]/redeliver/route';
import { createContractValidator } from './api-contract';

type Handler = (request: Request, context: { params: Promise<Record<string, string>> }) => Promise<Response> | Response;
type Module = Partial<Record<'GET' | 'POST' | 'PATCH' | 'DELETE', Handler>>;

const ROUTES: { pattern: RegExp; module: Module }[] = [
  { pattern: /^\/connections$/, module: connectionsRoute as unknown as Module },
  { pattern: /^\/connections\/(?<connectionId>[^/]+)$/, module: connectionRoute as unknown as Module },
  { pattern: /^\/connections\/(?<connectionId>[^/]+)\/authorize-url$/, module: authorizeUrlRoute as unknown as Module },
  { pattern: /^\/connections\/(?<connectionId>[^/]+)\/diagnostics$/, module: diagnosticsRoute as unknown as Module },
  { pattern: /^\/connections\/(?<connectionId>[^/]+)\/sync$/, module: syncRoute as unknown as Module },
  { pattern: /^\/connections\/(?<connectionId>[^/]+)\/reconcile$/, module: reconcileRoute as unknown as Module },
  { pattern: /^\/tickets$/, module: ticketsRoute as unknown as Module },
  { pattern: /^\/tickets\/(?<ticketId>[^/?]+)$/, module: ticketRoute as unknown as Module },
  { pattern: /^\/webhook-endpoints$/, module: webhookEndpointsRoute as unknown as Module },
  { pattern: /^\/webhook-endpoints\/(?<endpointId>[^/]+)$/, module: webhookEndpointRoute as unknown as Module },
  { pattern: /^\/webhook-endpoints\/(?<endpointId>[^/]+)\/rotate-secret$/, module: webhookRotateRoute as unknown as Module },
  { pattern: /^\/webhook-endpoints\/(?<endpointId>[^/]+)\/test$/, module: webhookTestRoute as unknown as Module },
  { pattern: /^\/webhook-endpoints\/(?<endpointId>[^/]+)\/deliveries$/, module: webhookDeliveriesRoute as unknown as Module },
  { pattern: /^\/webhook-endpoints\/(?<endpointId>[^/]+)\/deliveries\/(?<deliveryId>[^/]+)\/redeliver$/, module: webhookRedeliverRoute as unknown as Module },
  { pattern: /^\/ping$/, module: pingRoute },
];

export interface ApiAnswer {
  status: number;
  body: unknown;
  headers: Headers;
}

let validator: ReturnType<typeof createContractValidator> | undefined;

/** The document as the server serves it (GET /api/v1/openapi.json), not the module that builds it. */
export async function servedDocument(): Promise<unknown> {
  const response = await openApiRoute.GET(new Request('http://portico.test/api/v1/openapi.json'), undefined);
  return response.json();
}

/**
 * Calls an /api/v1 route handler in process, as a client would over HTTP, and checks the answer against the
 * served OpenAPI document (status documented, body matching its schema) before returning it.
 */
export async function callApi(
  method: 'GET' | 'POST' | 'PATCH' | 'DELETE',
  path: string,
  options: { key?: string; body?: unknown; rawBody?: string; headers?: Record<string, string> } = {},
): Promise<ApiAnswer> {
  validator ??= createContractValidator(await servedDocument());
  const pathname = path.split('?')[0]!;
  const route = ROUTES.find((candidate) => candidate.pattern.test(pathname));
  const handler = route?.module[method];
  if (!route || !handler) throw new Error(`no handler for ${method} ${path}`);
  const params = { ...(route.pattern.exec(pathname)?.groups ?? {}) };
  const url = `http://portico.test/api/v1${path}`;
  const body = options.rawBody ?? (options.body === undefined ? undefined : JSON.stringify(options.body));
  const request = new Request(url, {
    method,
    headers: {
      ...(options.key ? { authorization: `Bearer ${options.key}` } : {}),
      ...(body === undefined ? {} : { 'content-type': 'application/json' }),
      ...options.headers,
    },
    body,
  });
  const response = await handler(request, { params: Promise.resolve(params) });
  const text = await response.text();
  const parsed: unknown = text ? JSON.parse(text) : undefined;
  expect(validator(method, url, response.status, parsed), `${method} ${path} → ${response.status} conforms to the document`).toBeNull();
  return { status: response.status, body: parsed, headers: response.headers };
}
