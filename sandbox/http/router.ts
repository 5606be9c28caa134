// Entry point for every request: control API first, then the Atlassian routes with counters, latency,
// injected faults and the flaky scenario applied in that order.
import type { IncomingMessage, ServerResponse } from 'node:http';
import { faultMatches } from '../control-state';
import { handleAuthorize, handleDecision } from '../routes/authorize';
import { handleControlRequest } from '../routes/control';
import { handleAccessibleResources, handleMe } from '../routes/identity';
import { handleJira, routeKeyFor, type JiraTap } from '../routes/jira/gateway';
import { handleToken } from '../routes/token';
import type { SandboxState } from '../state';
import { createPrng } from '../world/prng';
import { parseBody, readBody, sendJson, sleep, type Reply } from './respond';

const JIRA_PREFIX = /^\/ex\/jira\/([^/]+)\/rest\/api\/3\/(.+)$/;

export interface RouterOptions {
  /** Sees every Jira response (contract tests validate them against the OpenAPI document). */
  tap?: JiraTap;
  /** Sockets held open by `timeout` faults, destroyed when the sandbox closes. */
  hung: Set<ServerResponse>;
}

function flakyReply(state: SandboxState): { reply: Reply | null; delayMs: number } {
  const prng = createPrng(0x5eed + state.flakySeq++);
  const roll = prng.next();
  if (roll < 0.25) {
    const status = prng.pick([500, 502, 503, 504]);
    return { reply: { status, body: status === 500 ? { errorMessages: ['Internal server error'], errors: {} } : 'Service Unavailable' }, delayMs: 0 };
  }
  return { reply: null, delayMs: roll < 0.4 ? prng.int(200, 1500) : 0 };
}

export function createRouter(state: SandboxState, options: RouterOptions) {
  return async function route(req: IncomingMessage, res: ServerResponse): Promise<void> {
    const url = new URL(req.url ?? '/', 'http://sandbox.local');
    const method = req.method ?? 'GET';
    const raw = method === 'GET' || method === 'HEAD' ? '' : await readBody(req);
    const body = parseBody(req.headers['content-type'], raw);

    if (url.pathname.startsWith('/__sandbox/')) return sendJson(res, await handleControlRequest(state, method, url.pathname, body, url.searchParams));

    const jira = JIRA_PREFIX.exec(url.pathname);
    const match = jira ? routeKeyFor(method, jira[2] ?? '') : null;
    const routeKey = match
      ? match.key
      : url.pathname === '/oauth/token'
        ? 'token'
        : url.pathname === '/oauth/token/accessible-resources'
          ? 'accessible-resources'
          : url.pathname === '/me'
            ? 'me'
            : url.pathname.startsWith('/authorize')
              ? 'authorize'
              : `unknown:${url.pathname}`;
    state.counters.countRequest(routeKey, jira?.[1]);
    const isRefresh = routeKey === 'token' && body?.grant_type === 'refresh_token';
    if (isRefresh) state.counters.startRefresh();
    const counters = state.counters;
    const place = jira ? counters.startJiraRequest() : undefined;
    try {
      if (state.knobs.latencyMs > 0) await sleep(state.knobs.latencyMs);
      const fault = state.faults.find((f) => f.remaining > 0 && faultMatches(f.route, routeKey, jira?.[2] ?? url.pathname));
      if (fault) {
        fault.remaining--;
        state.counters.faultsInjected++;
        state.faults = state.faults.filter((f) => f.remaining > 0);
        if (fault.delayMs) await sleep(fault.delayMs);
        if (fault.timeout) {
          options.hung.add(res);
          return;
        }
        if (fault.status !== undefined) return sendJson(res, { status: fault.status, body: fault.body ?? undefined, headers: fault.headers });
      }
      if (state.scenario.flaky && routeKey !== 'authorize') {
        const flaky = flakyReply(state);
        if (flaky.delayMs) await sleep(flaky.delayMs);
        if (flaky.reply) return sendJson(res, flaky.reply);
      }
      dispatch();
    } finally {
      if (isRefresh) state.counters.endRefresh();
      if (place) counters.endJiraRequest(place);
    }

    function dispatch(): void {
      const authorization = req.headers.authorization;
      if (jira && match) {
        const origin = `http://${req.headers.host ?? 'localhost'}`;
        const reply = handleJira(state, { method, cloudId: jira[1] ?? '', relativePath: jira[2] ?? '', query: url.searchParams, body, authorization, origin }, match.op);
        options.tap?.({ method, template: match.op?.template ?? null, status: reply.status, body: reply.body, headers: reply.headers ?? {} });
        return sendJson(res, reply);
      }
      if (routeKey === 'token' && method === 'POST') return sendJson(res, handleToken(state, body, authorization));
      if (routeKey === 'accessible-resources' && method === 'GET') return sendJson(res, handleAccessibleResources(state, authorization));
      if (routeKey === 'me' && method === 'GET') return sendJson(res, handleMe(state, authorization));
      if (url.pathname === '/authorize' && method === 'GET') return handleAuthorize(state, url.searchParams, res);
      if (url.pathname === '/authorize/decision' && method === 'POST') return handleDecision(state, body ?? {}, res);
      sendJson(res, { status: 404, body: { errorMessages: ['Not found'], errors: {} } });
    }
  };
}
