import { eq } from 'drizzle-orm';
import { beforeAll, beforeEach, describe, expect, it, vi } from 'vitest';
import { jiraAuthorizeLinks, jiraConnections, jiraGrants, jiraOauthStates } from '@/db/schema';
import type { CurrentMember } from '@/lib/auth/guards';
import { callApi } from '@/tests/api-client';
import { connectNewSite, createOrgMembers, LABS_CLOUD_ID, MAIN_CLOUD_ID, SANDBOX_APP, setupJiraHarness } from '@/tests/jira-harness';

const session = vi.hoisted(() => ({ member: undefined as CurrentMember | undefined }));
vi.mock('@/lib/auth/guards', () => ({ getCurrentMember: () => Promise.resolve(session.member) }));
// after(): work a request leaves for once its answer is sent (name resolution, diagnostics). The tests
// run it where the browser would have moved on: right after the callback.
const afterTasks = vi.hoisted(() => [] as (() => Promise<unknown>)[]);
vi.mock('next/server', async (importOriginal) => ({
  ...(await importOriginal<typeof import('next/server')>()),
  after: (task: () => Promise<unknown>) => void afterTasks.push(task),
}));
async function runAfterTasks() {
  for (const task of afterTasks.splice(0)) await task();
}

const harness = setupJiraHarness();
const { createApiKey } = await import('@/lib/api/keys/manage-keys');
const { assessAuthorizeLink, hashLinkToken } = await import('@/lib/integrations/jira/authorize-link/authorize-link');
const linkRoute = await import('@/app/api/integrations/jira/authorize-link/route');
const { handleCallback } = await import('@/lib/integrations/jira/connect/handle-callback');
const { completePendingAuthorization, getPendingAuthorization } = await import('@/lib/integrations/jira/connect/pending-authorization');
const { resolveRequestedNames } = await import('@/lib/integrations/jira/connect/resolve-requested-names');
const { consumeAuthorizeLink } = await import('@/db/queries/jira-authorize-links');
const { insertPendingConnection } = await import('@/db/queries/api-connections');
const { disconnectConnection } = await import('@/lib/integrations/jira/connect/disconnect');
const { CONNECT_OUTCOMES } = await import('@/lib/integrations/jira/connect/outcomes');
const { saveConfiguration } = await import('@/lib/integrations/jira/config/save-config');
const { getJiraConfig } = await import('@/db/queries/jira-config');

type Body = Record<string, unknown>;
const tokenOf = (url: string) => url.split('/').pop()!;

/** The admin's "Continue to Atlassian" button: a same-origin form POST. */
async function pressContinue(member: CurrentMember, token: string) {
  session.member = member;
  const form = new URLSearchParams({ token });
  return linkRoute.POST(
    new Request('http://portico.test/api/integrations/jira/authorize-link', {
      method: 'POST',
      headers: { 'content-type': 'application/x-www-form-urlencoded', origin: 'http://portico.test' },
      body: form,
    }),
    undefined,
  );
}

/** Button → Atlassian's consent (sandbox) → Portico's callback, as the admin's browser would. */
async function authorizeThroughLink(member: CurrentMember, token: string) {
  const started = await pressContinue(member, token);
  expect(started.status).toBe(303);
  const binding = /portico_jira_oauth=([^;]+)/.exec(started.headers.get('set-cookie') ?? '')?.[1];
  const callback = await harness.approveConsent(new URL(started.headers.get('location')!), MAIN_CLOUD_ID);
  const result = await handleCallback(member, callback, binding);
  await runAfterTasks();
  return result;
}

describe('authorizing an API-created connection through its link', () => {
  let admin: CurrentMember;
  let member: CurrentMember;
  let otherAdmin: CurrentMember;
  let key: string;

  beforeAll(async () => {
    [admin, member] = (await createOrgMembers(harness.db(), 'Initech')) as [CurrentMember, CurrentMember];
    [otherAdmin] = (await createOrgMembers(harness.db(), 'Umbrella', ['admin'])) as [CurrentMember];
    key = (await createApiKey(admin.orgId, admin.userId, 'Onboarding')).secret;
  });
  beforeEach(async () => {
    session.member = undefined;
    await harness.resetSandbox();
  });

  it('fills the created connection with the consented site and resolves the mapping names to Jira ids', async () => {
    const created = (
      await callApi('POST', '/connections', {
        key,
        body: {
          vendor: 'JIRA',
          options: {
            project_keys_filter: ['PLAT', 'NOPE'],
            priority_mapping: [{ Highest: 'CRITICAL' }, { high: 'HIGH' }, { Urgent: 'CRITICAL' }],
            status_mapping: { Done: 'CLOSED', 'to do': 'TODO', Shipping: 'RESOLVED' },
          },
        },
      })
    ).body as Body;
    const token = tokenOf(created.oauth2_authorize_url as string);

    // Another organization's admin and a member are refused, and neither uses the link up.
    expect(await assessAuthorizeLink(otherAdmin, token)).toEqual({ kind: 'other_organization' });
    expect(await assessAuthorizeLink(member, token)).toEqual({ kind: 'admin_only' });
    const refused = await pressContinue(otherAdmin, token);
    expect(refused.headers.get('location')).toBe(`http://portico.test/integrations/jira/authorize/${token}`);
    expect(await harness.db().select().from(jiraOauthStates).where(eq(jiraOauthStates.organizationId, otherAdmin.orgId))).toEqual([]);
    expect((await assessAuthorizeLink(admin, token)).kind).toBe('usable');

    const result = await authorizeThroughLink(admin, token);
    expect(result).toEqual({ kind: 'done', outcome: 'connected', connectionId: created.id });

    const read = await callApi('GET', `/connections/${created.id as string}`, { key });
    expect(read.body).toMatchObject({
      id: created.id,
      status: 'connected',
      site: { cloud_id: MAIN_CLOUD_ID, name: 'acme-sandbox' },
      options: {
        project_keys_filter: ['PLAT', 'NOPE'],
        priority_mapping: { '1': 'CRITICAL', '2': 'HIGH' },
        status_mapping: expect.objectContaining({ '10001': 'CLOSED', '10000': 'TODO' }) as unknown,
      },
      resolution: { state: 'resolved', unresolved: { statuses: ['Shipping'], priorities: ['Urgent'], project_keys: ['NOPE'] } },
    });
    const rows = await harness.db().select({ id: jiraConnections.id }).from(jiraConnections).where(eq(jiraConnections.organizationId, admin.orgId));
    expect(rows).toEqual([{ id: created.id }]);

    // Used once: the page says so, and the button starts nothing.
    expect(await assessAuthorizeLink(admin, token)).toEqual({ kind: 'used' });
    const again = await pressContinue(admin, token);
    expect(again.headers.get('location')).toBe(`http://portico.test/integrations/jira/authorize/${token}`);
  });

  it('reads without side effects: unresolved names read as pending in the list and the single read alike', async () => {
    const [row] = await harness.db().select().from(jiraConnections).where(eq(jiraConnections.organizationId, admin.orgId));
    await harness.db().update(jiraConnections).set({ unresolvedNames: null }).where(eq(jiraConnections.id, row!.id));
    const [before] = await harness.db().select().from(jiraConnections).where(eq(jiraConnections.id, row!.id));
    const calls = (await harness.counters()) as unknown;
    const read = await callApi('GET', `/connections/${row!.id}`, { key });
    expect(read.body).toMatchObject({ resolution: { state: 'pending' } });
    const list = (await callApi('GET', '/connections', { key })).body as { data: Body[] };
    expect(list.data.find((c) => c.id === row!.id)).toMatchObject({ resolution: { state: 'pending' } });
    expect(await harness.counters()).toEqual(calls);
    const [after] = await harness.db().select().from(jiraConnections).where(eq(jiraConnections.id, row!.id));
    expect(after).toEqual(before);

    // What the read schedules (after the answer, in a request) resolves the names.
    expect(await resolveRequestedNames(admin.orgId, row!.id)).toBe('resolved');
    const resolved = await callApi('GET', `/connections/${row!.id}`, { key });
    expect(resolved.body).toMatchObject({ resolution: { state: 'resolved', unresolved: { statuses: ['Shipping'] } } });
  });

  it('refuses an expired link and a link replaced by a newer one', async () => {
    const created = (await callApi('POST', '/connections', { key, body: { vendor: 'JIRA' } })).body as Body;
    const first = tokenOf(created.oauth2_authorize_url as string);
    const reissued = (await callApi('POST', `/connections/${created.id as string}/authorize-url`, { key })).body as Body;
    const second = tokenOf(reissued.oauth2_authorize_url as string);
    // Replaced, not used: the page says to ask for a new link.
    expect(await assessAuthorizeLink(admin, first)).toEqual({ kind: 'expired' });
    await harness.db().update(jiraAuthorizeLinks).set({ expiresAt: new Date(Date.now() - 1000) }).where(eq(jiraAuthorizeLinks.tokenHash, hashLinkToken(second)));
    expect(await assessAuthorizeLink(admin, second)).toEqual({ kind: 'expired' });
    const pressed = await pressContinue(admin, second);
    expect(pressed.headers.get('location')).toMatch(/\/integrations\/jira\/authorize\//);
    expect(await assessAuthorizeLink(admin, 'A'.repeat(43))).toEqual({ kind: 'unknown' });
    expect(await assessAuthorizeLink(admin, '../../etc')).toEqual({ kind: 'unknown' });
  });

  it('ends clearly when the organization already has a connection for the chosen site', async () => {
    const created = (await callApi('POST', '/connections', { key, body: { vendor: 'JIRA' } })).body as Body;
    const result = await authorizeThroughLink(admin, tokenOf(created.oauth2_authorize_url as string));
    expect(result).toEqual({ kind: 'done', outcome: 'site_already_connected', connectionId: undefined });
    const read = await callApi('GET', `/connections/${created.id as string}`, { key });
    expect(read.body).toMatchObject({ status: 'pending_authorization', site: null });
  });

  it('with several sites, the site picker fills the created connection too', async () => {
    const [picker] = (await createOrgMembers(harness.db(), 'Picker', ['admin'])) as [CurrentMember];
    const pickerKey = (await createApiKey(picker.orgId, picker.userId, 'k')).secret;
    const created = (await callApi('POST', '/connections', { key: pickerKey, body: { vendor: 'JIRA', options: { priority_mapping: { Highest: 'CRITICAL' } } } })).body as Body;
    await harness.control('consents', { clientId: SANDBOX_APP.clientId, cloudIds: [LABS_CLOUD_ID] });
    const result = await authorizeThroughLink(picker, tokenOf(created.oauth2_authorize_url as string));
    if (result.kind !== 'choose_site') throw new Error(`expected the site picker, got ${JSON.stringify(result)}`);
    expect((await getPendingAuthorization(picker, result.pendingId))?.reconnecting).toBeUndefined();
    const chosen = await completePendingAuthorization(picker, result.pendingId, LABS_CLOUD_ID);
    await runAfterTasks();
    expect(chosen).toEqual({ outcome: 'connected', connectionId: created.id });
    const read = await callApi('GET', `/connections/${created.id as string}`, { key: pickerKey });
    expect(read.body).toMatchObject({ status: 'connected', site: { cloud_id: LABS_CLOUD_ID }, options: { priority_mapping: { '1': 'CRITICAL' } } });
  });

  it('saves a new project filter of a connected connection as a configuration version and reports keys the site lacks', async () => {
    const [row] = await harness.db().select().from(jiraConnections).where(eq(jiraConnections.cloudId, MAIN_CLOUD_ID));
    const answer = await callApi('PATCH', `/connections/${row!.id}`, { key, body: { options: { project_keys_filter: ['PLAT', 'ZZZ'] }, timeout_secs: 600 } });
    expect(answer.status).toBe(200);
    expect(answer.body).toMatchObject({ timeout_secs: 600, options: { project_keys_filter: ['PLAT', 'ZZZ'] }, resolution: { state: 'resolved', unresolved: { project_keys: ['ZZZ'] } } });
    const [after] = await harness.db().select().from(jiraConnections).where(eq(jiraConnections.id, row!.id));
    expect(after!.configVersion).toBeGreaterThan(row!.configVersion);
  });

  it('lists invisible and non-existent keys of a PATCHed filter in unresolved.project_keys, also when no names were requested', async () => {
    // Connected from the admin screen: no names requested through the API, nothing cached yet.
    const { admin: owner, connectionId } = await connectNewSite(harness, 'Filterers');
    const ownerKey = (await createApiKey(owner.orgId, owner.userId, 'k')).secret;
    // SEC exists on the site but is hidden from the authorizing user; ZZZ does not exist.
    const answer = await callApi('PATCH', `/connections/${connectionId}`, { key: ownerKey, body: { options: { project_keys_filter: ['PLAT', 'SEC', 'ZZZ'] } } });
    expect(answer.status).toBe(200);
    expect(answer.body).toMatchObject({
      options: { project_keys_filter: ['PLAT', 'SEC', 'ZZZ'] },
      resolution: { state: 'not_requested', unresolved: { project_keys: ['SEC', 'ZZZ'] } },
    });
    expect((await callApi('GET', `/connections/${connectionId}`, { key: ownerKey })).body).toMatchObject({ resolution: { unresolved: { project_keys: ['SEC', 'ZZZ'] } } });
    // The other tests here look the site's connection up by cloud id.
    expect((await callApi('DELETE', `/connections/${connectionId}`, { key: ownerKey })).status).toBe(204);
  });

  it('deletes a connected connection with its now unused grant', async () => {
    const [row] = await harness.db().select().from(jiraConnections).where(eq(jiraConnections.cloudId, MAIN_CLOUD_ID));
    expect((await callApi('DELETE', `/connections/${row!.id}`, { key })).status).toBe(204);
    expect(await harness.db().select().from(jiraGrants).where(eq(jiraGrants.id, row!.grantId!))).toEqual([]);
  });

  it('keeps the admin’s later mapping edits when the connection is reconnected (names are resolved once)', async () => {
    const [owner] = (await createOrgMembers(harness.db(), 'Reconnectors', ['admin'])) as [CurrentMember];
    const ownerKey = (await createApiKey(owner.orgId, owner.userId, 'k')).secret;
    const created = (await callApi('POST', '/connections', { key: ownerKey, body: { vendor: 'JIRA', options: { priority_mapping: { Highest: 'CRITICAL' } } } })).body as Body;
    const id = created.id as string;
    expect(await authorizeThroughLink(owner, tokenOf(created.oauth2_authorize_url as string))).toMatchObject({ outcome: 'connected', connectionId: id });
    const current = (await getJiraConfig(owner.orgId, id))!;
    expect(current.config.priorityMapping).toEqual({ '1': 'CRITICAL' });

    const edited = await saveConfiguration(owner, id, { expectedVersion: current.version, config: { ...current.config, priorityMapping: { '1': 'HIGH' } } });
    expect(edited.ok).toBe(true);

    const consent = await harness.startConsent(owner, id);
    const reconnected = await handleCallback(owner, await harness.approveConsent(consent.authorizeUrl, MAIN_CLOUD_ID), consent.browserBinding);
    await runAfterTasks();
    expect(reconnected).toMatchObject({ outcome: 'reconnected', connectionId: id });
    expect((await getJiraConfig(owner.orgId, id))!.config.priorityMapping).toEqual({ '1': 'HIGH' });

    // A filter-only PATCH leaves the names alone; new names are resolved again, over the edit, as asked.
    const filtered = await callApi('PATCH', `/connections/${id}`, { key: ownerKey, body: { options: { project_keys_filter: ['PLAT'] } } });
    expect(filtered.body).toMatchObject({ options: { priority_mapping: { '1': 'HIGH' } }, requested_mappings: { priority_mapping: { Highest: 'CRITICAL' } }, resolution: { state: 'resolved' } });
    const renamed = await callApi('PATCH', `/connections/${id}`, { key: ownerKey, body: { options: { priority_mapping: { Highest: 'LOW' } } } });
    expect(renamed.body).toMatchObject({ options: { priority_mapping: { '1': 'LOW' } }, resolution: { state: 'resolved' } });
  });

  it('keeps "nothing requested" when a PATCH sends only a project filter', async () => {
    const created = (await callApi('POST', '/connections', { key, body: { vendor: 'JIRA' } })).body as Body;
    const patched = await callApi('PATCH', `/connections/${created.id as string}`, { key, body: { options: { project_keys_filter: ['OPS'] } } });
    expect(patched.body).toMatchObject({ requested_mappings: null, resolution: { state: 'not_requested' } });
    await callApi('DELETE', `/connections/${created.id as string}`, { key });
  });

  it('of concurrent re-issues, exactly one link stays usable', async () => {
    const created = (await callApi('POST', '/connections', { key, body: { vendor: 'JIRA' } })).body as Body;
    const id = created.id as string;
    const answers = await Promise.all(Array.from({ length: 6 }, () => callApi('POST', `/connections/${id}/authorize-url`, { key })));
    expect(answers.map((answer) => answer.status)).toEqual(Array(6).fill(201));
    const tokens = [created.oauth2_authorize_url, ...answers.map((answer) => (answer.body as Body).oauth2_authorize_url)].map((url) => tokenOf(url as string));
    const verdicts = await Promise.all(tokens.map((token) => assessAuthorizeLink(admin, token)));
    expect(verdicts.filter((verdict) => verdict.kind === 'usable')).toHaveLength(1);
    const live = await harness.db().select().from(jiraAuthorizeLinks).where(eq(jiraAuthorizeLinks.connectionId, id));
    expect(live.filter((link) => !link.usedAt && link.expiresAt > new Date())).toHaveLength(1);
  });

  it('of concurrent consumptions of one link, exactly one wins', async () => {
    const created = (await callApi('POST', '/connections', { key, body: { vendor: 'JIRA' } })).body as Body;
    const hash = hashLinkToken(tokenOf(created.oauth2_authorize_url as string));
    const won = await Promise.all(Array.from({ length: 6 }, () => consumeAuthorizeLink(admin.orgId, hash)));
    expect(won.filter(Boolean)).toEqual([created.id]);
    expect(await consumeAuthorizeLink(otherAdmin.orgId, hash)).toBeUndefined();
  });

  it('creates the pending connection and its first link in one transaction', async () => {
    const existing = await harness.db().select().from(jiraAuthorizeLinks).limit(1);
    const before = await harness.db().select({ id: jiraConnections.id }).from(jiraConnections).orderBy(jiraConnections.id);
    // A link that cannot be stored (its token hash is taken) must take the connection with it.
    await expect(
      insertPendingConnection(admin.orgId, {
        projectFilter: [],
        requestedMappings: null,
        apiKeyId: existing[0]!.createdByApiKeyId!,
        link: { tokenHash: existing[0]!.tokenHash, expiresAt: new Date(Date.now() + 60_000) },
      }),
    ).rejects.toThrow();
    expect(await harness.db().select({ id: jiraConnections.id }).from(jiraConnections).orderBy(jiraConnections.id)).toEqual(before);
  });

  it('says so when the site’s existing connection is disconnected, keeps it, and keeps the created one waiting', async () => {
    const [owner] = (await createOrgMembers(harness.db(), 'Disconnectors', ['admin'])) as [CurrentMember];
    const ownerKey = (await createApiKey(owner.orgId, owner.userId, 'k')).secret;
    const first = (await callApi('POST', '/connections', { key: ownerKey, body: { vendor: 'JIRA' } })).body as Body;
    await authorizeThroughLink(owner, tokenOf(first.oauth2_authorize_url as string));
    await disconnectConnection(owner, first.id as string, false);
    const second = (await callApi('POST', '/connections', { key: ownerKey, body: { vendor: 'JIRA' } })).body as Body;
    const result = await authorizeThroughLink(owner, tokenOf(second.oauth2_authorize_url as string));
    expect(result).toEqual({ kind: 'done', outcome: 'site_has_disconnected_connection', connectionId: undefined });
    expect(CONNECT_OUTCOMES.site_has_disconnected_connection.message).toMatch(/disconnected connection.*Reconnect that connection.*keeps its project filter and mappings.*delete it/);
    expect((await callApi('GET', `/connections/${second.id as string}`, { key: ownerKey })).body).toMatchObject({ status: 'pending_authorization' });
    expect((await callApi('GET', `/connections/${first.id as string}`, { key: ownerKey })).body).toMatchObject({ status: 'disconnected' });
  });
});
