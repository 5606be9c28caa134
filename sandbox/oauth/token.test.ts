import { describe, expect, it } from 'vitest';
import { setupSandbox } from '../setup-sandbox.testing';
import { APP, connect, control, getCode, jira, refresh, tokenRequest } from '../test-support';

const sandbox = setupSandbox();

const INVALID_GRANT = { error: 'invalid_grant', error_description: 'Unknown or invalid refresh token.' };

describe('authorization_code grant', () => {
  it('issues access and refresh tokens with the granted scopes', async () => {
    const t = await connect(sandbox.url);
    expect(t.expires_in).toBe(3600);
    expect(t.refresh_token).toBeTruthy();
    expect(t.scope.split(' ').sort()).toEqual(['manage:jira-configuration', 'manage:jira-webhook', 'offline_access', 'read:jira-user', 'read:jira-work', 'read:me']);
    expect((t as unknown as Record<string, unknown>).token_type).toBe('Bearer');
  });

  it('returns no refresh token without offline_access', async () => {
    const t = await connect(sandbox.url, { scopes: ['read:jira-work'] });
    expect(t.refresh_token).toBeUndefined();
    expect(t.scope).toBe('read:jira-work');
  });

  it('accepts form-encoded bodies', async () => {
    const { code } = await getCode(sandbox.url);
    const res = await fetch(`${sandbox.url}/oauth/token`, {
      method: 'POST',
      headers: { 'content-type': 'application/x-www-form-urlencoded' },
      body: new URLSearchParams({ grant_type: 'authorization_code', client_id: APP.clientId, client_secret: APP.clientSecret, code, redirect_uri: APP.callbackUrl }),
    });
    expect(res.status).toBe(200);
  });

  it('codes are single use', async () => {
    const { code } = await getCode(sandbox.url);
    const body = { grant_type: 'authorization_code', client_id: APP.clientId, client_secret: APP.clientSecret, code, redirect_uri: APP.callbackUrl };
    expect((await tokenRequest(sandbox.url, body)).status).toBe(200);
    const again = await tokenRequest(sandbox.url, body);
    expect(again).toEqual({ status: 403, json: { error: 'invalid_grant', error_description: 'Invalid authorization code' } });
  });

  it('codes expire after 10 minutes', async () => {
    const { code } = await getCode(sandbox.url);
    await control(sandbox.url, 'knobs', { advanceClockSecs: 601 });
    const res = await tokenRequest(sandbox.url, { grant_type: 'authorization_code', client_id: APP.clientId, client_secret: APP.clientSecret, code, redirect_uri: APP.callbackUrl });
    expect(res.status).toBe(403);
  });

  it('rejects a redirect_uri different from the one used at /authorize', async () => {
    const { code } = await getCode(sandbox.url);
    const res = await tokenRequest(sandbox.url, { grant_type: 'authorization_code', client_id: APP.clientId, client_secret: APP.clientSecret, code, redirect_uri: 'http://localhost:3000/other' });
    expect(res.status).toBe(403);
    expect(res.json.error).toBe('invalid_grant');
  });

  it('rejects a wrong client secret with 401 access_denied', async () => {
    const { code } = await getCode(sandbox.url);
    const res = await tokenRequest(sandbox.url, { grant_type: 'authorization_code', client_id: APP.clientId, client_secret: 'nope', code, redirect_uri: APP.callbackUrl });
    expect(res).toEqual({ status: 401, json: { error: 'access_denied', error_description: 'Unauthorized' } });
  });

  it('verifies PKCE when a challenge was given', async () => {
    const good = await connect(sandbox.url, { pkce: true });
    expect(good.access_token).toBeTruthy();
    const { code } = await getCode(sandbox.url, { pkce: true });
    const bad = await tokenRequest(sandbox.url, { grant_type: 'authorization_code', client_id: APP.clientId, client_secret: APP.clientSecret, code, redirect_uri: APP.callbackUrl, code_verifier: 'x'.repeat(43) });
    expect(bad.status).toBe(403);
    expect(bad.json.error).toBe('invalid_grant');
  });
});

describe('credential probing with a bogus refresh token', () => {
  it.each([
    ['unknown client', 'someone-else', APP.clientSecret, 401, 'access_denied'],
    ['wrong secret', APP.clientId, 'wrong', 401, 'access_denied'],
    ['right secret', APP.clientId, APP.clientSecret, 403, 'invalid_grant'],
  ])('%s → %i %s', async (_label, clientId, secret, status, error) => {
    const res = await tokenRequest(sandbox.url, { grant_type: 'refresh_token', client_id: clientId, client_secret: secret, refresh_token: 'bogus' });
    expect(res.status).toBe(status);
    expect(res.json.error).toBe(error);
  });
});

describe('refresh token rotation', () => {
  it('returns a new refresh token on every refresh', async () => {
    const t0 = await connect(sandbox.url);
    const r1 = await refresh(sandbox.url, t0.refresh_token!);
    expect(r1.status).toBe(200);
    expect(r1.json.refresh_token).not.toBe(t0.refresh_token);
    const r2 = await refresh(sandbox.url, r1.json.refresh_token as string);
    expect(r2.status).toBe(200);
    expect(r2.json.refresh_token).not.toBe(r1.json.refresh_token);
  });

  it('allows reusing the previous token inside the leeway', async () => {
    const t0 = await connect(sandbox.url);
    const r1 = await refresh(sandbox.url, t0.refresh_token!);
    await control(sandbox.url, 'knobs', { advanceClockSecs: 599 });
    const reuse = await refresh(sandbox.url, t0.refresh_token!);
    expect(reuse.status).toBe(200);
    // The family is intact: the newest token still works.
    expect((await refresh(sandbox.url, reuse.json.refresh_token as string)).status).toBe(200);
    expect(r1.status).toBe(200);
  });

  it('invalidates the whole grant when the previous token is reused after the leeway', async () => {
    const t0 = await connect(sandbox.url);
    const r1 = await refresh(sandbox.url, t0.refresh_token!);
    await control(sandbox.url, 'knobs', { advanceClockSecs: 601 });
    expect(await refresh(sandbox.url, t0.refresh_token!)).toEqual({ status: 403, json: INVALID_GRANT });
    expect(await refresh(sandbox.url, r1.json.refresh_token as string)).toEqual({ status: 403, json: INVALID_GRANT });
  });

  it('invalidates the whole grant when an older token is reused, even inside the leeway', async () => {
    const t0 = await connect(sandbox.url);
    const r1 = await refresh(sandbox.url, t0.refresh_token!);
    const r2 = await refresh(sandbox.url, r1.json.refresh_token as string);
    expect((await refresh(sandbox.url, t0.refresh_token!)).status).toBe(403);
    expect((await refresh(sandbox.url, r2.json.refresh_token as string)).status).toBe(403);
  });

  it('honours the reuse leeway knob', async () => {
    await control(sandbox.url, 'knobs', { reuseLeewaySecs: 0 });
    const t0 = await connect(sandbox.url);
    await refresh(sandbox.url, t0.refresh_token!);
    await control(sandbox.url, 'knobs', { advanceClockSecs: 1 });
    expect((await refresh(sandbox.url, t0.refresh_token!)).status).toBe(403);
  });

  it('expires refresh tokens after 90 days of inactivity', async () => {
    const t0 = await connect(sandbox.url);
    await control(sandbox.url, 'knobs', { advanceClockSecs: 89 * 86400 });
    const r1 = await refresh(sandbox.url, t0.refresh_token!);
    expect(r1.status).toBe(200);
    await control(sandbox.url, 'knobs', { advanceClockSecs: 90 * 86400 + 60 });
    expect(await refresh(sandbox.url, r1.json.refresh_token as string)).toEqual({ status: 403, json: INVALID_GRANT });
  });

  it('counts refreshes and concurrent refreshes', async () => {
    const t0 = await connect(sandbox.url);
    await control(sandbox.url, 'knobs', { latencyMs: 100 });
    const results = await Promise.all([refresh(sandbox.url, t0.refresh_token!), refresh(sandbox.url, t0.refresh_token!), refresh(sandbox.url, t0.refresh_token!)]);
    expect(results.map((r) => r.status)).toEqual([200, 200, 200]);
    const counters = (await control(sandbox.url, 'counters')) as { refreshes: number; maxConcurrentRefreshes: number; tokenGrants: Record<string, number> };
    expect(counters.refreshes).toBe(3);
    expect(counters.maxConcurrentRefreshes).toBe(3);
    expect(counters.tokenGrants).toEqual({ authorization_code: 1, refresh_token: 3 });
  });

  it('fails every refresh in the expired-grant scenario', async () => {
    const t0 = await connect(sandbox.url);
    await control(sandbox.url, 'scenario', { name: 'expired-grant' });
    expect(await refresh(sandbox.url, t0.refresh_token!)).toEqual({ status: 403, json: INVALID_GRANT });
    await control(sandbox.url, 'scenario', { name: 'default' });
  });
});

describe('scope intersection', () => {
  it('drops scopes the app is no longer configured with (missing-scopes) on refresh', async () => {
    const t0 = await connect(sandbox.url);
    await control(sandbox.url, 'scenario', { name: 'missing-scopes' });
    const r1 = await refresh(sandbox.url, t0.refresh_token!);
    const scopes = (r1.json.scope as string).split(' ');
    expect(scopes).not.toContain('manage:jira-configuration');
    expect(scopes).not.toContain('read:jira-user');
    expect(scopes).toContain('read:jira-work');
    const myself = await jira(sandbox.url, r1.json.access_token as string, 'myself');
    expect(myself).toMatchObject({ status: 401, json: { code: 401, message: 'Unauthorized; scope does not match' } });
    await control(sandbox.url, 'scenario', { name: 'default' });
  });

  it('grants only what a bring-your-own app is configured with', async () => {
    await control(sandbox.url, 'apps', { clientId: 'byo', clientSecret: 's3cret', name: 'BYO', callbackUrl: 'http://localhost:3000/cb', scopes: ['read:jira-work', 'offline_access'] });
    const t = await connect(sandbox.url, { clientId: 'byo', clientSecret: 's3cret', redirectUri: 'http://localhost:3000/cb', scopes: ['read:jira-work', 'offline_access'] });
    expect(t.scope).toBe('read:jira-work offline_access');
  });
});

describe('access tokens', () => {
  it('expire after the configured lifetime', async () => {
    await control(sandbox.url, 'knobs', { accessTokenLifetimeSecs: 60 });
    const t = await connect(sandbox.url);
    expect(t.expires_in).toBe(60);
    expect((await jira(sandbox.url, t.access_token, 'myself')).status).toBe(200);
    await control(sandbox.url, 'knobs', { advanceClockSecs: 61 });
    expect((await jira(sandbox.url, t.access_token, 'myself')).status).toBe(401);
  });

  it('are refused in the revoked scenario', async () => {
    const t = await connect(sandbox.url);
    await control(sandbox.url, 'scenario', { name: 'revoked' });
    expect((await jira(sandbox.url, t.access_token, 'myself')).status).toBe(401);
    expect((await refresh(sandbox.url, t.refresh_token!)).status).toBe(403);
    await control(sandbox.url, 'scenario', { name: 'default' });
  });
});
