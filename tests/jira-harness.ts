import { randomBytes, randomUUID } from 'node:crypto';
import { eq } from 'drizzle-orm';
import { afterAll, beforeAll } from 'vitest';
import type { Database } from '../db/connect';
import { jiraConnections, jiraGrants, jiraOauthStates } from '../db/schema';
import type { Role } from '../db/schema';
import { DEFAULT_ATLASSIAN_SCOPES } from '../lib/config/env-schema';
import type { CurrentMember } from '../lib/auth/guards';
import { sha256Hex } from '../lib/crypto/opaque-token';
import { handleCallback } from '../lib/integrations/jira/connect/handle-callback';
import { startAuthorization } from '../lib/integrations/jira/oauth/authorization-state';
import { buildAuthorizeUrl } from '../lib/integrations/jira/oauth/authorize-url';
import { oauthConfigForOrg } from '../lib/integrations/jira/oauth/app-registry';
import { CALLBACK_PATH } from '../lib/integrations/jira/oauth/config';
import type { CountersSnapshot as SandboxCounters } from '../sandbox/control-state';
import { defaultApp } from '../sandbox/oauth/apps';
import type { IssuedTokens as SandboxTokens } from '../sandbox/routes/control';
import { startSandbox, type ScenarioName } from '../sandbox/server';
import { GRANT_TYPES, type GrantType } from '../sandbox/types';
import { setupTestDatabase } from './database';
import { createOrganization } from './fixtures/organizations';

export type { SandboxCounters, SandboxTokens };
export { GRANT_TYPES, type GrantType };

import { MAIN_CLOUD_ID } from '../sandbox/world/default-sites';

export { LABS_CLOUD_ID, MAIN_CLOUD_ID } from '../sandbox/world/default-sites';

export const PORTICO_BASE_URL = 'http://portico.test';
/** Portico's OAuth app as registered at the sandbox, with Portico's real callback URL. */
export const SANDBOX_APP = { ...defaultApp({}), callbackUrl: `${PORTICO_BASE_URL}${CALLBACK_PATH}` };

export interface StartedConsent {
  state: string;
  browserBinding: string;
  authorizeUrl: URL;
}

/**
 * One database and one in-process Atlassian sandbox for a test file, with Portico's environment
 * pointed at both. Call at the top level of the file, before anything reads env().
 */
export function setupJiraHarness(options: { scenario?: ScenarioName; grantType?: GrantType } = {}) {
  const database = setupTestDatabase();
  const scenario = options.scenario ?? 'default';
  let sandbox: Awaited<ReturnType<typeof startSandbox>> | undefined;

  beforeAll(async () => {
    // The app's grant type (account-level unless a file asks otherwise) survives resets.
    sandbox = await startSandbox({ port: 0, scenario, apps: [{ ...SANDBOX_APP, grantType: options.grantType ?? 'account' }] });
    Object.assign(process.env, {
      ATLASSIAN_CLIENT_ID: SANDBOX_APP.clientId,
      ATLASSIAN_CLIENT_SECRET: SANDBOX_APP.clientSecret,
      ATLASSIAN_AUTH_URL: sandbox.url,
      ATLASSIAN_API_URL: sandbox.url,
      ATLASSIAN_SCOPES: DEFAULT_ATLASSIAN_SCOPES,
      PORTICO_BASE_URL,
      PORTICO_ENCRYPTION_KEY: `kid1:${randomBytes(32).toString('base64')}`,
      AUTH_SECRET: randomBytes(33).toString('base64'),
    });
  });

  afterAll(async () => {
    await sandbox?.close();
  });

  const sandboxUrl = () => {
    if (!sandbox) throw new Error('setupJiraHarness(): the sandbox runs only inside tests and hooks.');
    return sandbox.url;
  };

  async function control<T = unknown>(path: string, body?: unknown): Promise<T> {
    const init: RequestInit =
      body === undefined
        ? {}
        : { method: 'POST', headers: { 'content-type': 'application/json' }, body: JSON.stringify(body) };
    const response = await fetch(`${sandboxUrl()}/__sandbox/${path}`, init);
    if (!response.ok) throw new Error(`sandbox control ${path} failed: HTTP ${response.status}`);
    return (await response.json()) as T;
  }

  async function startConsent(member: CurrentMember, reconnectConnectionId?: string): Promise<StartedConsent> {
    const config = await oauthConfigForOrg(member.orgId);
    if (!config) throw new Error('Atlassian OAuth is not configured in the harness environment.');
    const started = await startAuthorization(member, { clientId: config.clientId, reconnectConnectionId });
    return {
      state: started.state,
      browserBinding: started.browserBinding,
      authorizeUrl: buildAuthorizeUrl(config, started.state, started.codeChallenge),
    };
  }

  /**
   * Walks the sandbox consent page like a browser: opens the authorize URL, submits the form with
   * the chosen site (by cloud id or by position in "Use app on") and the pressed button, and
   * returns the query of the redirect back to Portico's callback.
   */
  async function decideConsent(
    authorizeUrl: URL,
    decision: 'Accept' | 'Cancel',
    site: string | number = 0,
  ): Promise<URLSearchParams> {
    const page = await fetch(authorizeUrl, { redirect: 'manual' });
    const html = await page.text();
    const form = /<form method="post" action="([^"]+)">([\s\S]*?)<\/form>/.exec(html);
    if (page.status !== 200 || !form) throw new Error(`no consent form at the sandbox (HTTP ${page.status})`);
    const [, action, inner] = form as unknown as [string, string, string];
    const fields = new URLSearchParams();
    for (const [, name, value] of inner.matchAll(/<input type="hidden" name="([^"]+)" value="([^"]*)">/g))
      fields.append(name!, value!);
    const select = /<select id="[^"]*" name="([^"]+)"[^>]*>([\s\S]*?)<\/select>/.exec(inner);
    if (select) {
      const options = [...select[2]!.matchAll(/<option value="([^"]+)">/g)].map((match) => match[1]!);
      const chosen = typeof site === 'number' ? options[site] : options.find((option) => option === site);
      if (!chosen) throw new Error(`the consent page offers no site ${String(site)}`);
      fields.append(select[1]!, chosen);
    }
    const button = new RegExp(`<button type="submit" name="([^"]+)" value="([^"]+)"[^>]*>${decision}</button>`).exec(
      inner,
    );
    if (!button) throw new Error(`no ${decision} button on the consent page`);
    fields.append(button[1]!, button[2]!);
    const response = await fetch(new URL(action, authorizeUrl), {
      method: 'POST',
      headers: { 'content-type': 'application/x-www-form-urlencoded' },
      body: fields,
      redirect: 'manual',
    });
    const location = response.headers.get('location');
    if (response.status !== 302 && response.status !== 303)
      throw new Error(`the consent decision did not redirect (HTTP ${response.status})`);
    const callback = new URL(location ?? '');
    if (`${callback.origin}${callback.pathname}` !== SANDBOX_APP.callbackUrl)
      throw new Error('the sandbox redirected somewhere other than the callback');
    return callback.searchParams;
  }

  return {
    db: database.db,
    sandboxUrl,
    control,
    counters: () => control<SandboxCounters>('counters'),
    resetCounters: () => control<SandboxCounters>('counters/reset', {}),
    tokens: () => control<SandboxTokens>('tokens'),
    /** Back to the file's scenario at its start (apps, consents, grants, knobs, faults, counters). */
    resetSandbox: async () => {
      await control('scenario', { name: scenario });
      await control('reset', {});
    },
    /** The developer console's grant type of the sandbox app, for consents from now on (until resetSandbox). */
    setGrantType: (grantType: GrantType) => control('grant-type', { grantType }),
    startConsent,
    approveConsent: (authorizeUrl: URL, site?: string | number) => decideConsent(authorizeUrl, 'Accept', site),
    /** Presents a refresh token at the sandbox's token endpoint as Portico's app, outside Portico. */
    refreshAtSandbox: (refreshToken: string) =>
      fetch(`${sandboxUrl()}/oauth/token`, {
        method: 'POST',
        headers: { 'content-type': 'application/json' },
        body: JSON.stringify({
          grant_type: 'refresh_token',
          client_id: SANDBOX_APP.clientId,
          client_secret: SANDBOX_APP.clientSecret,
          refresh_token: refreshToken,
        }),
      }),
    cancelConsent: (authorizeUrl: URL) => decideConsent(authorizeUrl, 'Cancel'),
  };
}

export type JiraHarness = ReturnType<typeof setupJiraHarness>;

/** A new organization whose admin connected a sandbox site through the real consent and callback. */
export async function connectNewSite(
  harness: JiraHarness,
  name: string,
  cloudId: string = MAIN_CLOUD_ID,
): Promise<{ admin: CurrentMember; orgId: string; connectionId: string }> {
  const [admin] = await createOrgMembers(harness.db(), name, ['admin']);
  const consent = await harness.startConsent(admin!);
  const result = await handleCallback(
    admin,
    await harness.approveConsent(consent.authorizeUrl, cloudId),
    consent.browserBinding,
  );
  if (result.kind !== 'done' || !result.connectionId)
    throw new Error(`connecting the sandbox site failed: ${JSON.stringify(result)}`);
  return { admin: admin!, orgId: admin!.orgId, connectionId: result.connectionId };
}

/** An organization with one member per role, as the `CurrentMember`s the app would build for them. */
export async function createOrgMembers(
  db: Database,
  name: string,
  roles: Role[] = ['admin', 'member'],
): Promise<CurrentMember[]> {
  const org = await createOrganization(db, name, roles);
  return org.members.map((row) => ({
    userId: row.userId,
    email: row.email,
    name: `${name} ${row.role}`,
    orgId: org.orgId,
    orgName: name,
    role: row.role,
    sessionId: randomUUID(),
  }));
}

/** How jira_oauth_states keys a state (only its hash is stored). */
export const stateHash = sha256Hex;

export async function expireState(db: Database, state: string): Promise<void> {
  await db
    .update(jiraOauthStates)
    .set({ expiresAt: new Date(Date.now() - 1000) })
    .where(eq(jiraOauthStates.stateHash, stateHash(state)));
}

/** Every column of every connection and grant, token ciphertexts included, in a stable order. */
export async function snapshotConnectionsAndGrants(db: Database) {
  const connections = await db.select().from(jiraConnections).orderBy(jiraConnections.id);
  const grants = await db.select().from(jiraGrants).orderBy(jiraGrants.id);
  return { connections, grants };
}

export const tokenRequests = (counters: SandboxCounters) => counters.requests.token ?? 0;
