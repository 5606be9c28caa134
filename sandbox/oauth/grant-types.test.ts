// Account-level vs resource-level grants (docs/decisions/012-grants-per-consent.md): what a second consent
// by the same account does to the first one's tokens, under each grant type of the app.
import { describe, expect, it } from 'vitest';
import { setupSandbox } from '../setup-sandbox.testing';
import { APP, connect, control, jira, refresh } from '../test-support';
import { GRANT_TYPES } from '../types';
import { LABS_CLOUD_ID, MAIN_CLOUD_ID } from '../world/default-sites';

const sandbox = setupSandbox();

async function accessibleSites(token: string): Promise<string[]> {
  const res = await fetch(`${sandbox.url}/oauth/token/accessible-resources`, { headers: { authorization: `Bearer ${token}` } });
  expect(res.status).toBe(200);
  return ((await res.json()) as { id: string }[]).map((site) => site.id).sort();
}

const myselfStatus = async (token: string, cloudId: string) => (await jira(sandbox.url, token, 'myself', { cloudId })).status;

describe('grant type of an app', () => {
  it('is account-level unless the developer console says otherwise, and the control API changes it', async () => {
    const state = (await control(sandbox.url, 'state')) as { apps: { clientId: string; grantType: string }[] };
    expect(state.apps.find((app) => app.clientId === APP.clientId)?.grantType).toBe('account');
    await control(sandbox.url, 'grant-type', { grantType: 'resource' });
    await control(sandbox.url, 'scenario', { name: 'single-site' });
    const after = (await control(sandbox.url, 'state')) as { apps: { clientId: string; grantType: string }[] };
    expect(after.apps.find((app) => app.clientId === APP.clientId)?.grantType).toBe('resource');
  });

  it('refuses an unknown grant type with a 400 naming the field', async () => {
    const res = await fetch(`${sandbox.url}/__sandbox/grant-type`, {
      method: 'POST',
      headers: { 'content-type': 'application/json' },
      body: JSON.stringify({ grantType: 'site' }),
    });
    expect(res.status).toBe(400);
    expect(JSON.stringify(await res.json())).toContain('grantType');
  });
});

describe('resource-level grants', () => {
  it('cover only the site picked at consent: its tokens are refused elsewhere with the gateway 401, and a later consent does not revoke them', async () => {
    await control(sandbox.url, 'grant-type', { grantType: 'resource' });
    const first = await connect(sandbox.url, { cloudId: MAIN_CLOUD_ID });
    const second = await connect(sandbox.url, { cloudId: LABS_CLOUD_ID });

    expect(await accessibleSites(first.access_token)).toEqual([MAIN_CLOUD_ID]);
    expect(await accessibleSites(second.access_token)).toEqual([LABS_CLOUD_ID]);
    const refused = await jira(sandbox.url, first.access_token, 'myself', { cloudId: LABS_CLOUD_ID });
    expect({ status: refused.status, body: refused.json as unknown }).toEqual({ status: 401, body: { code: 401, message: 'Unauthorized' } });
    expect(await myselfStatus(second.access_token, MAIN_CLOUD_ID)).toBe(401);
    expect(await myselfStatus(first.access_token, MAIN_CLOUD_ID)).toBe(200);
    expect(await myselfStatus(second.access_token, LABS_CLOUD_ID)).toBe(200);

    // The refresh token of each consent keeps its own site: rotating it never widens the grant.
    const rotated = await refresh(sandbox.url, first.refresh_token!);
    expect(rotated.status).toBe(200);
    const access = rotated.json.access_token as string;
    expect(await accessibleSites(access)).toEqual([MAIN_CLOUD_ID]);
    expect(await myselfStatus(access, LABS_CLOUD_ID)).toBe(401);
    expect((await refresh(sandbox.url, second.refresh_token!)).status).toBe(200);
  });
});

describe('account-level grants', () => {
  it('add a later consent’s site to the account’s grant: earlier tokens reach both sites and the earlier refresh token keeps working', async () => {
    const first = await connect(sandbox.url, { cloudId: MAIN_CLOUD_ID });
    expect(await accessibleSites(first.access_token)).toEqual([MAIN_CLOUD_ID]);
    const second = await connect(sandbox.url, { cloudId: LABS_CLOUD_ID });

    for (const token of [first.access_token, second.access_token]) {
      expect(await accessibleSites(token)).toEqual([MAIN_CLOUD_ID, LABS_CLOUD_ID].sort());
      expect(await myselfStatus(token, MAIN_CLOUD_ID)).toBe(200);
      expect(await myselfStatus(token, LABS_CLOUD_ID)).toBe(200);
    }
    expect((await refresh(sandbox.url, first.refresh_token!)).status).toBe(200);
    expect((await refresh(sandbox.url, second.refresh_token!)).status).toBe(200);
  });
});

describe.each(GRANT_TYPES)('%s-level: a site removed from the consent', (grantType) => {
  it('is refused with the gateway 401 and left out of accessible-resources', async () => {
    await control(sandbox.url, 'grant-type', { grantType });
    const tokens = await connect(sandbox.url, { cloudId: MAIN_CLOUD_ID });
    await control(sandbox.url, 'sites/remove', { cloudId: MAIN_CLOUD_ID });
    expect(await accessibleSites(tokens.access_token)).toEqual([]);
    expect(await myselfStatus(tokens.access_token, MAIN_CLOUD_ID)).toBe(401);
  });
});
