// Test support for fault-matrix.db.test.ts (not a test file): a connected site with a saved
// configuration, the faults as recipes against the in-process sandbox, and what "nothing was lost"
// compares.
import { AsyncLocalStorage } from 'node:async_hooks';
import { randomBytes } from 'node:crypto';
import { eq, ne, sql } from 'drizzle-orm';
import { vi } from 'vitest';
import { jiraConnections, jiraGrants } from '@/db/schema';
import type { CurrentMember } from '@/lib/auth/guards';
import { decryptSecret } from '@/lib/crypto';
import { appKeyring } from '@/lib/crypto/app-keyring';
import { createOrgMembers, MAIN_CLOUD_ID, SANDBOX_APP, type JiraHarness } from '@/tests/jira-harness';
import type { JiraConfig } from './config/config-schema';
import { saveConfiguration } from './config/save-config';
import { handleCallback } from './connect/handle-callback';
import { getCachedMetadata, refreshMetadata } from './metadata/metadata-cache';
import { getAccessToken } from './token-store';

export const FAULTS = [
  'expired_grant',
  'revoked',
  'reused_refresh_token',
  'missing_scopes',
  'restricted_projects',
  'site_removed',
  'wrong_client_secret',
  'rate_limited',
  'upstream_5xx',
  'slow',
  'hung',
] as const;
export type Fault = (typeof FAULTS)[number];

/** The projects the restricted-projects scenario hides from the connecting user. */
export const RESTRICTED_KEYS = ['HELP', 'MKT'];

/** One past Atlassian's default access-token lifetime, so the token Portico holds is refused. */
const PAST_TOKEN_LIFETIME_SECS = 3601;
/** Jira calls and token requests that may be slowed down and still count as a normal answer. */
const SLOW_MS = 250;
/**
 * X-RateLimit-Reset of the injected 429s (ISO 8601, as Atlassian's rate-limiting page documents it). The
 * next full hour after a day from now: diagnostics cite a reset only while it is still ahead.
 */
export const RATE_LIMIT_RESET = new Date(Math.ceil((Date.now() + 86_400_000) / 3_600_000) * 3_600_000)
  .toISOString()
  .replace('.000Z', 'Z');
/** What `hung` shrinks every AbortSignal.timeout to, so a request that never answers fails in a test-sized time. */
export const HUNG_TIMEOUT_MS = 300;

export interface Connected {
  admin: CurrentMember;
  orgId: string;
  connectionId: string;
  grantId: string;
}

/**
 * A fresh organization with one site connected through the sandbox consent and Portico's callback,
 * its Jira data cached and a configuration saved through the config save path (version 1): project
 * filter PLAT, HELP and MKT, status and priority mappings and one project override.
 */
export async function connectWithConfiguration(harness: JiraHarness): Promise<Connected> {
  const [admin] = await createOrgMembers(harness.db(), `Matrix${randomBytes(3).toString('hex')}`, ['admin']);
  const consent = await harness.startConsent(admin!);
  const result = await handleCallback(
    admin,
    await harness.approveConsent(consent.authorizeUrl, MAIN_CLOUD_ID),
    consent.browserBinding,
  );
  if (result.kind !== 'done' || !result.connectionId)
    throw new Error(`connecting the sandbox site failed: ${JSON.stringify(result)}`);
  const { orgId } = admin!;
  const connectionId = result.connectionId;
  await refreshMetadata(orgId, connectionId, { force: true });
  const { metadata } = await getCachedMetadata(orgId, connectionId);
  if (!metadata) throw new Error('the sandbox metadata could not be cached');
  const [open, doing, done] = metadata.statuses;
  const [first, second] = metadata.priorities;
  const config: JiraConfig = {
    projectFilter: ['PLAT', ...RESTRICTED_KEYS],
    statusMapping: { [open!.id]: 'OPEN', [doing!.id]: 'IN_PROGRESS', [done!.id]: 'CLOSED' },
    priorityMapping: { [first!.id]: 'CRITICAL', [second!.id]: 'HIGH' },
    projectOverrides: { HELP: { [done!.id]: 'RESOLVED' } },
  };
  const saved = await saveConfiguration(admin!, connectionId, { expectedVersion: 0, config });
  if (!saved.ok || !saved.idsChecked) throw new Error(`saving the configuration failed: ${JSON.stringify(saved)}`);
  const [row] = await harness
    .db()
    .select({ grantId: jiraConnections.grantId })
    .from(jiraConnections)
    .where(eq(jiraConnections.id, connectionId));
  return { admin: admin!, orgId, connectionId, grantId: row!.grantId! };
}

/**
 * Outages, throttling and slowness: a reconnect meets them at the callback (after the consent page);
 * the other faults are a state of the Atlassian side, set up before the consent starts.
 */
const TRANSIENT: ReadonlySet<Fault> = new Set(['rate_limited', 'upstream_5xx', 'slow', 'hung']);
export const isTransient = (fault: Fault) => TRANSIENT.has(fault);

/** Produces the fault at the sandbox (and, for `hung`, makes timeouts test-sized). */
export async function applyFault(harness: JiraHarness, fault: Fault, connected: Connected): Promise<void> {
  const { control } = harness;
  const expireAccessTokens = () => control('knobs', { advanceClockSecs: PAST_TOKEN_LIFETIME_SECS });
  switch (fault) {
    case 'expired_grant':
      await control('scenario', { name: 'expired-grant' });
      return void (await expireAccessTokens());
    case 'revoked':
      return void (await control('scenario', { name: 'revoked' }));
    case 'reused_refresh_token':
      // Someone else (a copy of the token, a second Portico) rotates the family first; once the
      // reuse leeway has passed, Portico's copy is a reused token and kills the whole family.
      await rotateRefreshTokenBehindPorticosBack(harness);
      return void (await expireAccessTokens());
    case 'missing_scopes':
      // The app lost the scopes in the developer console after the consent: the next refresh
      // returns a token without them (sandbox/README.md, "missing-scopes").
      await control('scenario', { name: 'missing-scopes' });
      return void (await getAccessToken(connected.orgId, connected.grantId, { forceRefresh: true }));
    case 'restricted_projects':
      return void (await control('scenario', { name: 'restricted-projects' }));
    case 'site_removed':
      return void (await control('sites/remove', { cloudId: MAIN_CLOUD_ID }));
    case 'wrong_client_secret':
      // The secret was rotated in the developer console; Portico still has the old one.
      await control('apps', { ...SANDBOX_APP, clientSecret: `rotated-${randomBytes(4).toString('hex')}` });
      return void (await expireAccessTokens());
    case 'rate_limited':
      return void (await control('faults', {
        route: '*',
        status: 429,
        headers: { 'Retry-After': '30', 'RateLimit-Reason': 'jira-burst-based', 'X-RateLimit-Reset': RATE_LIMIT_RESET },
        count: 100,
      }));
    case 'upstream_5xx':
      return void (await control('faults', { route: '*', status: 503, count: 100 }));
    case 'slow':
      return void (await control('faults', { route: '*', delayMs: SLOW_MS, count: 100 }));
    case 'hung': {
      const timeout = AbortSignal.timeout.bind(AbortSignal);
      vi.spyOn(AbortSignal, 'timeout').mockImplementation((ms) => timeout(Math.min(ms, HUNG_TIMEOUT_MS)));
      return void (await control('faults', { route: '*', timeout: true, count: 100 }));
    }
  }
}

async function rotateRefreshTokenBehindPorticosBack(harness: JiraHarness) {
  const { refreshTokens } = await harness.tokens();
  const unused = refreshTokens.filter((token) => token.usedAt === null);
  if (unused.length !== 1) throw new Error(`expected Portico's refresh token alone, found ${unused.length}`);
  const response = await harness.refreshAtSandbox(unused[0]!.token);
  if (!response.ok) throw new Error(`rotating the refresh token failed: HTTP ${response.status}`);
}

/** The stored configuration exactly as PostgreSQL holds it. */
export async function mappingsOf(harness: JiraHarness, connectionId: string) {
  const [row] = await harness.db().execute<Record<string, unknown>>(sql`
    select project_filter::text, status_mapping::text, priority_mapping::text, project_overrides::text, config_version
    from jira_connections where id = ${connectionId}`);
  return row;
}

export type Health = 'healthy' | 'needs_reconnect' | 'app_credentials_rejected';

/** The connection's and its grant's state, and whether both token ciphertexts are still stored. */
export async function stateOf(harness: JiraHarness, connectionId: string) {
  const [row] = await harness
    .db()
    .select({
      connectionStatus: jiraConnections.status,
      statusReason: jiraConnections.statusReason,
      grantedScopes: jiraConnections.grantedScopes,
      grantId: jiraConnections.grantId,
      grantStatus: jiraGrants.status,
      grantScopes: jiraGrants.scopes,
      hasAccessToken: sql<boolean>`${jiraGrants.accessTokenCiphertext} is not null`,
      hasRefreshToken: sql<boolean>`${jiraGrants.refreshTokenCiphertext} is not null`,
    })
    .from(jiraConnections)
    .leftJoin(jiraGrants, eq(jiraGrants.id, jiraConnections.grantId))
    .where(eq(jiraConnections.id, connectionId));
  return row!;
}

export function healthOf(state: Awaited<ReturnType<typeof stateOf>>): Health | `unexpected: ${string}` {
  if (state.connectionStatus === 'connected' && state.grantStatus === 'active') return 'healthy';
  if (state.connectionStatus === 'needs_reconnect' && state.grantStatus === 'needs_reconnect') return 'needs_reconnect';
  if (
    state.connectionStatus === 'error' &&
    state.statusReason === 'app_credentials_rejected' &&
    state.grantStatus === 'active'
  ) {
    return 'app_credentials_rejected';
  }
  return `unexpected: connection ${state.connectionStatus}/${state.statusReason ?? '-'}, grant ${state.grantStatus ?? 'missing'}`;
}

/**
 * Makes this grant the only idle one for the keep-alive: it looks a week unused, and every other
 * grant in the shared test database looks just refreshed.
 */
export async function makeOnlyIdleGrant(harness: JiraHarness, grantId: string) {
  await harness
    .db()
    .update(jiraGrants)
    .set({ lastRefreshedAt: sql`now()` })
    .where(ne(jiraGrants.id, grantId));
  await harness
    .db()
    .update(jiraGrants)
    .set({ lastRefreshedAt: sql`now() - interval '8 days'` })
    .where(eq(jiraGrants.id, grantId));
}

/**
 * Whether the refresh token Portico stores is one the sandbox would still honour as the family's
 * newest (issued, never presented). A rotation Portico failed to save would leave it holding a used
 * token, which the next refresh turns into "reuse detected" and a dead grant.
 */
export async function holdsLiveRefreshToken(harness: JiraHarness, grantId: string): Promise<boolean> {
  const [grant] = await harness
    .db()
    .select({ refresh: jiraGrants.refreshTokenCiphertext })
    .from(jiraGrants)
    .where(eq(jiraGrants.id, grantId));
  if (!grant?.refresh) return false;
  const stored = decryptSecret(appKeyring(), grant.refresh, `jira_grant:${grantId}:refresh_token`);
  const { refreshTokens } = await harness.tokens();
  return refreshTokens.some((token) => token.token === stored && token.usedAt === null);
}

/**
 * Background work of one cell, tracked so "nothing kept talking to Atlassian" is checked after it has all
 * happened, not while some of it is still to come. next/server's after() tasks (queued by the test's mock of
 * `after`, which has no request to run them after) and every fetch Portico starts are recorded; settle()
 * runs the queued tasks and awaits every fetch, round after round, until a round starts nothing new. No
 * sleeps: the work is awaited, not waited for. Fetches are tagged by whether an after() task made them
 * (AsyncLocalStorage follows the task through its awaits).
 */
export function trackBackgroundWork() {
  const insideAfterTask = new AsyncLocalStorage<true>();
  const queued: Array<() => unknown> = [];
  const inFlight = new Set<Promise<unknown>>();
  const calls: Array<{ url: string; fromAfterTask: boolean; phase: 'operation' | 'background' }> = [];
  let phase: 'operation' | 'background' = 'operation';
  let afterTasksRun = 0;

  const realFetch = globalThis.fetch.bind(globalThis);
  vi.spyOn(globalThis, 'fetch').mockImplementation((input, init) => {
    const url = input instanceof Request ? input.url : String(input);
    const promise = realFetch(input, init);
    // The harness's own sandbox control calls are the test's, not Portico's.
    if (!new URL(url).pathname.startsWith('/__sandbox/')) {
      calls.push({ url, fromAfterTask: insideAfterTask.getStore() === true, phase });
      const settled = promise.then(
        () => undefined,
        () => undefined,
      );
      inFlight.add(settled);
      void settled.finally(() => inFlight.delete(settled));
    }
    return promise;
  });

  return {
    /** What the mocked `after` does with its task. */
    queue(task: unknown) {
      queued.push(typeof task === 'function' ? (task as () => unknown) : () => task);
    },
    /** Forgets what came before (the setup's own background work), for the cell proper. */
    begin() {
      calls.length = 0;
      afterTasksRun = 0;
      phase = 'operation';
    },
    /** The operation has answered: from here on, every call is background work. */
    answered() {
      phase = 'background';
    },
    async settle() {
      for (let round = 0; queued.length > 0 || inFlight.size > 0; round++) {
        if (round > 100) throw new Error('background work keeps starting new work');
        for (let task = queued.shift(); task; task = queued.shift()) {
          afterTasksRun++;
          await insideAfterTask.run(true, async () => {
            await task();
          });
        }
        await Promise.all([...inFlight]);
      }
      const background = calls.filter((call) => call.phase === 'background');
      return {
        afterTasksRun,
        /** Portico's calls after the answer that no after() task made: work nobody awaits. */
        strayCalls: background.filter((call) => !call.fromAfterTask).map((call) => call.url),
        afterTaskCalls: calls.filter((call) => call.fromAfterTask).length,
      };
    },
  };
}
export type BackgroundWork = ReturnType<typeof trackBackgroundWork>;
