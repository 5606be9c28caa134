/**
 * CI's self-check (scripts/ci-canary.sh): this spec must fail, and Playwright must exit non-zero.
 * It runs through the real config, web server and fixtures, so a setup that swallows failures shows.
 * Excluded from the normal run; PORTICO_CI_CANARY=1 selects it alone.
 */
import { expect, test } from '../fixtures';

test('fails on purpose after signing in to a running Portico', async ({ adminPage: page }) => {
  await expect(page.getByRole('heading', { name: 'Integrations', level: 1 })).toBeVisible();
  expect(1).toBe(2);
});
