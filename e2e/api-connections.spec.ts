import { createHash } from 'node:crypto';
import type { APIRequestContext, Page } from '@playwright/test';
import { createTestOrg } from './db';
import { alerts, captureScreens, expect, expectAccessible, signIn, test } from './fixtures';
import { answerConsent, connectionIdOf } from './jira';
import { saveSecret } from './leak-capture';

/** Creates a key on Settings › API keys as the signed-in admin and returns the secret shown once. */
async function createKeyInSettings(page: Page, name: string): Promise<string> {
  await page.goto('/settings/api-keys');
  await page.getByLabel('Name').fill(name);
  await page.getByRole('button', { name: 'Create key' }).click();
  const secret = page.getByLabel('New API key');
  await expect(secret).toHaveText(/^ptk_[A-Za-z0-9_-]{43}$/);
  const key = (await secret.textContent())!;
  await saveSecret('API key', key);
  return key;
}

const api = (request: APIRequestContext, key: string) => ({
  create: (data: unknown) => request.post('/api/v1/connections', { headers: { Authorization: `Bearer ${key}` }, data }),
  get: (id: string) => request.get(`/api/v1/connections/${id}`, { headers: { Authorization: `Bearer ${key}` } }),
});

const CREATE = {
  vendor: 'JIRA',
  options: {
    project_keys_filter: ['PLAT', 'MOB'],
    priority_mapping: [{ Highest: 'CRITICAL' }, { High: 'HIGH' }, { Urgent: 'CRITICAL' }],
    status_mapping: { Done: 'CLOSED', 'In Progress': 'IN_PROGRESS' },
  },
};

test('a connection created by API is authorized through its link by the admin and then reads as connected with resolved mappings', async ({
  orgAdmin: page,
  sandbox,
  request,
}) => {
  await sandbox.setScenario('single-site');
  const key = await createKeyInSettings(page, 'Onboarding backend');
  await expectAccessible(page);

  const created = await api(request, key).create(CREATE);
  expect(created.status()).toBe(201);
  const connection = (await created.json()) as { id: string; status: string; oauth2_authorize_url: string };
  expect(connection.status).toBe('pending_authorization');

  // The API keys page now shows the key as used.
  await page.reload();
  const row = page.getByRole('row', { name: /Onboarding backend/ });
  await expect(row.getByRole('cell').nth(2)).not.toHaveText('Never');
  await expect(row.getByRole('cell').first()).toHaveText(`${key.slice(0, 12)}…`);
  await captureScreens(page, 'api-keys');

  await page.goto(connection.oauth2_authorize_url);
  await expect(page.getByRole('heading', { level: 1, name: /^Authorize Jira for / })).toBeVisible();
  await expectAccessible(page);
  await captureScreens(page, 'api-authorize-link');
  await page.getByRole('button', { name: 'Continue to Atlassian' }).click();
  await answerConsent(page);
  await expect(page.getByRole('status')).toHaveText('Jira is connected.');
  expect(await connectionIdOf(page)).toBe(connection.id);

  // Names are resolved in the background once the consent is saved (after the redirect is sent).
  const readConnection = async () => {
    const response = await api(request, key).get(connection.id);
    expect(response.status()).toBe(200);
    return (await response.json()) as { resolution: { state: string } };
  };
  await expect.poll(async () => (await readConnection()).resolution.state).not.toBe('pending');
  expect(await readConnection()).toMatchObject({
    id: connection.id,
    status: 'connected',
    site: { name: 'acme-sandbox' },
    options: {
      project_keys_filter: ['PLAT', 'MOB'],
      priority_mapping: { '1': 'CRITICAL', '2': 'HIGH' },
      status_mapping: expect.objectContaining({ '10001': 'CLOSED', '3': 'IN_PROGRESS' }) as unknown,
    },
    resolution: { state: 'resolved', unresolved: { statuses: [], priorities: ['Urgent'], project_keys: [] } },
  });

  // Used once: opening the link again explains that and how to get a new one.
  await page.goto(connection.oauth2_authorize_url);
  await expect(page.getByRole('heading', { level: 1, name: 'This authorization link was already used' })).toBeVisible();
  await expect(alerts(page)).toContainText('authorize-url');
  await captureScreens(page, 'api-authorize-link-used');

  // Revoking the key in Settings stops it at once.
  await page.goto('/settings/api-keys');
  await page.getByRole('button', { name: 'Revoke Onboarding backend' }).click();
  await page.getByRole('dialog').getByRole('button', { name: 'Revoke key' }).click();
  await expect(page.getByRole('row', { name: /Onboarding backend/ }).getByText(/^Revoked/)).toBeVisible();
  expect((await api(request, key).get(connection.id)).status()).toBe(401);
});

test('another organization’s admin and a member cannot use a link, which stays usable; an expired link is refused clearly', async ({
  orgAdmin: page,
  orgMember,
  org,
  database,
  browser,
  baseURL,
  request,
}) => {
  const key = await createKeyInSettings(page, 'Isolation');
  const connection = (await (await api(request, key).create({ vendor: 'JIRA' })).json()) as { id: string; oauth2_authorize_url: string };

  const other = await createTestOrg(database, 'Other org');
  const otherContext = await browser.newContext({ baseURL });
  const otherPage = await otherContext.newPage();
  await signIn(otherPage, other.admin);
  await otherPage.goto(connection.oauth2_authorize_url);
  await expect(otherPage.getByRole('heading', { level: 1, name: 'This link is for another organization' })).toBeVisible();
  await expect(otherPage.getByRole('button', { name: 'Continue to Atlassian' })).toHaveCount(0);
  expect((await api(request, key).get(connection.id)).status()).toBe(200);
  const otherKey = await createKeyInSettings(otherPage, 'Other');
  expect((await api(request, otherKey).get(connection.id)).status()).toBe(404);
  await otherContext.close();

  await orgMember.goto(connection.oauth2_authorize_url);
  await expect(orgMember.getByRole('heading', { level: 1, name: 'Only an admin can authorize this connection' })).toBeVisible();
  await orgMember.goto('/settings/api-keys');
  await expect(alerts(orgMember)).toContainText('Only organization admins can see and manage API keys');

  // Still usable for the organization's admin, who, signed out, signs in and comes back to the link.
  const freshContext = await browser.newContext({ baseURL });
  const fresh = await freshContext.newPage();
  await fresh.goto(connection.oauth2_authorize_url);
  await expect(fresh).toHaveURL(/\/sign-in\?callbackUrl=%2Fintegrations%2Fjira%2Fauthorize%2F/);
  await fresh.getByLabel('Email').fill(org.admin.email);
  await fresh.getByLabel('Password').fill(org.admin.password);
  await fresh.getByRole('button', { name: 'Sign in' }).click();
  await expect(fresh.getByRole('button', { name: 'Continue to Atlassian' })).toBeVisible();
  await freshContext.close();
  await page.goto(connection.oauth2_authorize_url);
  await expect(page.getByRole('button', { name: 'Continue to Atlassian' })).toBeVisible();

  const token = connection.oauth2_authorize_url.split('/').pop()!;
  const tokenHash = createHash('sha256').update(token).digest('hex');
  await database`update jira_authorize_links set expires_at = now() - interval '1 second' where token_hash = ${tokenHash}`;
  await page.reload();
  await expect(page.getByRole('heading', { level: 1, name: 'This authorization link has expired' })).toBeVisible();
  await expectAccessible(page);
  await captureScreens(page, 'api-authorize-link-expired');
});

test('the API reference page is rendered from the served OpenAPI document', async ({ orgAdmin: page, request }) => {
  const document = (await (await request.get('/api/v1/openapi.json')).json()) as { openapi: string; paths: Record<string, unknown> };
  expect(document.openapi).toBe('3.1.0');
  await page.goto('/settings/api-keys/docs');
  await expect(page.getByRole('heading', { level: 1, name: 'API reference' })).toBeVisible();
  for (const path of Object.keys(document.paths)) {
    await expect(page.getByRole('heading', { level: 3, name: new RegExp(`/api/v1${path.replace(/[{}]/g, '\\$&')}$`) }).first()).toBeVisible();
  }
  await expectAccessible(page);
  await captureScreens(page, 'api-reference');
});

test('unknown /api/v1 paths answer the API’s JSON 404 for every method, without a key', async ({ request }) => {
  for (const [method, path] of [
    ['GET', '/api/v1/nope'],
    ['POST', '/api/v1/connections/0b7c6a52-3f0e-4d2a-9f61-2f0b1c6d8e90/resync'],
    ['DELETE', '/api/v1/a/b/c'],
  ] as const) {
    const answer = await request.fetch(path, { method });
    expect(answer.status(), `${method} ${path}`).toBe(404);
    expect(answer.headers()['content-type']).toContain('application/json');
    expect(await answer.json()).toMatchObject({ error: { code: 'not_found' } });
  }
});
