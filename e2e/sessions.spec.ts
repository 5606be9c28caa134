import { expect, signIn, test } from './fixtures';

test('a session cookie saved before sign-out no longer works after it', async ({ browser, baseURL, page, org }) => {
  await signIn(page, org.member);
  const saved = await page.context().cookies();
  expect(saved.some((cookie) => cookie.name.endsWith('authjs.session-token'))).toBe(true);

  await page.getByRole('button', { name: 'Sign out' }).click();
  await expect(page).toHaveURL(/\/sign-in/);

  // Someone who copied the cookie earlier replays it in a browser of their own.
  const replay = await browser.newContext({ baseURL });
  await replay.addCookies(saved);
  const thief = await replay.newPage();
  await thief.goto('/settings/members');
  await expect(thief).toHaveURL(/\/sign-in/);
  await replay.close();
});
