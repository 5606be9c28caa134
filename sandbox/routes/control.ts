// /__sandbox/* : the control API tests use to steer the sandbox. Only the sandbox has it; never Atlassian.
import type { z } from 'zod';
import type { Reply } from '../http/respond';
import { SCENARIO_NAMES, SCENARIOS } from '../scenarios';
import type { SandboxState } from '../state';
import { defaultApp } from '../oauth/apps';
import { handleIssueControl } from './control-issues';
import { AppBodySchema, ConsentBodySchema, FaultBodySchema, GrantTypeBodySchema, KnobsBodySchema, RemoveSiteBodySchema, ScenarioBodySchema, WebhookFaultsBodySchema } from './control-schemas';

function parse<T extends z.ZodType>(schema: T, body: unknown): { ok: true; data: z.infer<T> } | { ok: false; reply: Reply } {
  const result = schema.safeParse(body ?? {});
  if (result.success) return { ok: true, data: result.data };
  return { ok: false, reply: { status: 400, body: { error: 'invalid_body', issues: result.error.issues.map((i) => ({ path: i.path.join('.'), message: i.message })) } } };
}

export function stateSummary(state: SandboxState) {
  return {
    scenario: state.scenario.name,
    scenarios: SCENARIO_NAMES.map((name) => ({ name, description: SCENARIOS[name].description })),
    knobs: state.knobs,
    clock: { now: new Date(state.now()).toISOString(), offsetSecs: state.knobs.clockOffsetSecs },
    user: state.world.user,
    people: state.world.people.map((p) => ({ accountId: p.accountId, displayName: p.displayName, timeZone: p.timeZone })),
    sites: state.world.sites.map((s) => ({ cloudId: s.cloudId, name: s.name, url: s.url, jiraAdmin: s.jiraAdmin, projects: s.projects.length, statuses: s.statuses.length, issueTypes: s.issueTypes.length, priorities: s.priorities.length, issues: s.issues.size, timeZone: s.timeZone })),
    apps: [...state.apps.values()].map(({ clientSecret: _secret, ...app }) => app),
    consents: state.consents.list(),
    grants: state.grants.listGrants().map(({ lastUsedToken: _t, ...g }) => g),
    faults: state.faults,
  };
}

export function handleControl(state: SandboxState, method: string, path: string, body: unknown, query = new URLSearchParams()): Reply {
  const clean = path.replace(/\/+$/, '');
  const issues = handleIssueControl(state, method, clean, body, query, parse);
  if (issues) return issues;
  const route = `${method} ${clean}`;
  switch (route) {
    case 'GET /__sandbox/state':
      return { status: 200, body: stateSummary(state) };
    case 'POST /__sandbox/scenario': {
      const p = parse(ScenarioBodySchema, body);
      if (!p.ok) return p.reply;
      state.switchScenario(p.data.name);
      return { status: 200, body: stateSummary(state) };
    }
    case 'POST /__sandbox/knobs': {
      const p = parse(KnobsBodySchema, body);
      if (!p.ok) return p.reply;
      const { clockOffsetSecs, advanceClockSecs, ...rest } = p.data;
      Object.assign(state.knobs, Object.fromEntries(Object.entries(rest).filter(([, v]) => v !== undefined)));
      if (clockOffsetSecs !== undefined) state.setClockOffset(clockOffsetSecs);
      if (advanceClockSecs !== undefined) state.setClockOffset(state.knobs.clockOffsetSecs + advanceClockSecs);
      return { status: 200, body: state.knobs };
    }
    case 'GET /__sandbox/faults':
      return { status: 200, body: state.faults };
    case 'DELETE /__sandbox/faults':
      state.faults = [];
      return { status: 200, body: state.faults };
    case 'POST /__sandbox/faults': {
      const p = parse(FaultBodySchema, body);
      if (!p.ok) return p.reply;
      const { count, ...fault } = p.data;
      state.faults.push({ ...fault, remaining: count });
      return { status: 201, body: state.faults };
    }
    case 'GET /__sandbox/counters':
      return { status: 200, body: state.counters.toJSON() };
    case 'POST /__sandbox/counters/reset':
      state.counters.reset();
      return { status: 200, body: state.counters.toJSON() };
    case 'POST /__sandbox/reset':
      state.reset();
      return { status: 200, body: stateSummary(state) };
    case 'POST /__sandbox/apps': {
      const p = parse(AppBodySchema, body);
      if (!p.ok) return p.reply;
      state.apps.set(p.data.clientId, p.data);
      state.runtimeRegistered.add(p.data.clientId);
      return { status: 201, body: { clientId: p.data.clientId, name: p.data.name, callbackUrl: p.data.callbackUrl, scopes: p.data.scopes, grantType: p.data.grantType } };
    }
    case 'POST /__sandbox/grant-type': {
      const p = parse(GrantTypeBodySchema, body);
      if (!p.ok) return p.reply;
      const clientId = p.data.clientId ?? defaultApp().clientId;
      if (!state.setGrantType(clientId, p.data.grantType)) return { status: 404, body: { error: 'unknown_client', clientId } };
      return { status: 200, body: { clientId, grantType: p.data.grantType } };
    }
    case 'POST /__sandbox/consents': {
      const p = parse(ConsentBodySchema, body);
      if (!p.ok) return p.reply;
      const app = state.apps.get(p.data.clientId);
      if (!app) return { status: 404, body: { error: 'unknown_client' } };
      const unknownSites = p.data.cloudIds.filter((id) => !state.site(id));
      if (unknownSites.length) return { status: 404, body: { error: 'unknown_site', cloudIds: unknownSites } };
      const accountId = p.data.accountId ?? state.world.user.accountId;
      for (const cloudId of p.data.cloudIds) state.consents.upsert({ accountId, clientId: app.clientId, cloudId, scopes: p.data.scopes ?? app.scopes, grantedAt: state.now() });
      return { status: 201, body: state.consents.listFor(accountId, app.clientId) };
    }
    case 'POST /__sandbox/sites/remove': {
      const p = parse(RemoveSiteBodySchema, body);
      if (!p.ok) return p.reply;
      const removed = state.consents.removeSite(p.data.cloudId, { accountId: p.data.accountId, clientId: p.data.clientId });
      return { status: 200, body: { removed } };
    }
    case 'GET /__sandbox/webhook-faults':
      return { status: 200, body: state.webhookDispatcher.faults };
    case 'DELETE /__sandbox/webhook-faults':
    case 'POST /__sandbox/webhook-faults': {
      const p = parse(WebhookFaultsBodySchema, method === 'DELETE' ? {} : body);
      if (!p.ok) return p.reply;
      state.webhookDispatcher.faults = p.data;
      return { status: 200, body: p.data };
    }
    case 'GET /__sandbox/webhook-deliveries':
      return { status: 200, body: webhookDeliveries(state) };
    case 'GET /__sandbox/webhooks':
      return { status: 200, body: state.webhooks.hooks.map((h) => ({ ...h, expirationDate: new Date(h.expiresAt).toISOString(), live: h.expiresAt > state.now() })) };
    case 'GET /__sandbox/tokens':
      return { status: 200, body: issuedTokens(state) };
    default:
      return { status: 404, body: { error: 'unknown_control_route', route } };
  }
}

/**
 * The control API's one asynchronous request: `POST /__sandbox/webhook-deliveries/flush` sends every queued
 * webhook delivery now (retries without their back-off) and answers once none is queued or in flight.
 */
export async function handleControlRequest(state: SandboxState, method: string, path: string, body: unknown, query: URLSearchParams): Promise<Reply> {
  if (method === 'POST' && path.replace(/\/+$/, '') === '/__sandbox/webhook-deliveries/flush') {
    await state.webhookDispatcher.flush();
    return { status: 200, body: webhookDeliveries(state) };
  }
  return handleControl(state, method, path, body, query);
}

function webhookDeliveries(state: SandboxState) {
  return { counters: state.counters.webhookDeliveries, pending: state.webhookDispatcher.pending(), deliveries: state.webhookDispatcher.recent() };
}

/** Every token and code issued since the last reset, as `GET /__sandbox/tokens` reports them (leak scans). */
function issuedTokens(state: SandboxState) {
  return { accessTokens: state.accessTokens.list(), refreshTokens: state.grants.listRefreshTokens(), authorizationCodes: state.codes.list() };
}

export type IssuedTokens = ReturnType<typeof issuedTokens>;
