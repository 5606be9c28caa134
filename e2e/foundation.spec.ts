import { alerts, captureScreens, expect, expectAccessible, test } from './fixtures';

test('a signed-out visitor is sent to sign-in, which is accessible', async ({ page }) => {
  await page.goto('/settings/integrations');
  await expect(page).toHaveURL(/\/sign-in\?callbackUrl=%2Fsettings%2Fintegrations/);
  await expect(page.getByRole('heading', { name: 'Sign in to Portico' })).toBeVisible();
  await expectAccessible(page);
  await captureScreens(page, 'sign-in');
});

test('a wrong password gets a clear error that does not say whether the email exists', async ({ page }) => {
  for (const email of ['admin@example.com', 'nobody@example.com']) {
    await page.goto('/sign-in');
    await page.getByLabel('Email').fill(email);
    await page.getByLabel('Password').fill('wrong-password');
    await page.getByRole('button', { name: 'Sign in' }).click();
    await expect(alerts(page)).toHaveText('That email and password do not match an account. Check both and try again.');
    await expect(page).toHaveURL(/\/sign-in/);
  }
});

test('an admin reaches Settings > Integrations and sees the Jira card with Connect', async ({ adminPage: page }) => {
  await expect(page.getByRole('heading', { name: 'Integrations', level: 1 })).toBeVisible();
  const ticketing = page.getByRole('region', { name: 'Ticketing' });
  const card = ticketing.getByRole('article', { name: 'Jira Cloud' });
  await expect(card.getByText('Not connected')).toBeVisible();
  await expect(card.getByRole('button', { name: 'Connect' })).toBeEnabled();
  await expectAccessible(page);
  await captureScreens(page, 'integrations-admin');

  await page.getByRole('link', { name: 'Members' }).click();
  await expect(page.getByRole('combobox', { name: 'Role of Max Member' })).toBeVisible();
  await expectAccessible(page);
  await captureScreens(page, 'members-admin');
});

test('a member sees no admin actions and is refused by admin-only routes', async ({ memberPage: page }) => {
  const card = page.getByRole('article', { name: 'Jira Cloud' });
  await expect(card.getByText('An admin of your organization can connect Jira.')).toBeVisible();
  await expect(card.getByRole('button', { name: 'Connect' })).toHaveCount(0);
  await expectAccessible(page);

  const response = await page.request.post('/api/integrations/jira/authorize', { maxRedirects: 0 });
  expect(response.status()).toBe(403);

  await page.getByRole('link', { name: 'Members' }).click();
  await expect(page.getByRole('combobox')).toHaveCount(0);
  await expectAccessible(page);
});

test('signing out ends the session', async ({ adminPage: page }) => {
  await page.getByRole('button', { name: 'Sign out' }).click();
  await expect(page).toHaveURL(/\/sign-in/);
  await page.goto('/settings/members');
  await expect(page).toHaveURL(/\/sign-in/);
});
