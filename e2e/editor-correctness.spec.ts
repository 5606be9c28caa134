import type { Locator, Page } from '@playwright/test';
import { captureScreens, expect, expectAccessible, signIn, test } from './fixtures';
import { connectSite } from './jira';

// Issue 15 items 1, 7, 9, 14 and 15: what an admin saw in the configuration editor, reproduced and fixed.
const SITE = 'acme-sandbox.atlassian.net';

// A connect, the editor's first Jira read and several saves each: more than the default minute on a loaded machine.
test.setTimeout(180_000);

async function openConfiguration(page: Page, connectionId: string, query = '') {
  await page.goto(`/settings/integrations/jira/${connectionId}/configuration${query}`);
  await expect(page.getByRole('heading', { name: 'Projects and mappings' })).toBeVisible();
}

async function waitForStatuses(page: Page) {
  // The first visit fetches Jira's statuses in the background; the editor polls until they land.
  await expect(statusSelects(page).first()).toBeVisible({ timeout: 30_000 });
}

const statusSelects = (page: Page) => page.getByRole('combobox', { name: /^Standard status for / });
const nameOf = async (select: Locator) => (await select.getAttribute('aria-label'))!.replace('Standard status for ', '');
const saveStatus = (page: Page) => page.getByRole('status').filter({ hasText: /unsaved change|All changes saved/ });

async function saveAndExpect(page: Page, text: string | RegExp) {
  await page.getByRole('button', { name: 'Save changes' }).click();
  await expect(saveStatus(page)).toContainText(text);
}

/** Versions 1 (first row Blocked) and 2 (Cancelled), then the rollback dialog to version 1 opened from History. */
async function saveTwoVersionsAndOpenRollback(page: Page, first: Locator) {
  await first.selectOption('BLOCKED');
  await saveAndExpect(page, 'Saved as version 1.');
  await first.selectOption('CANCELLED');
  await saveAndExpect(page, 'Saved as version 2.');
  await page.getByRole('tab', { name: 'History' }).click();
  await page.getByRole('button', { name: 'Roll back to version 1' }).click();
  return page.getByRole('dialog', { name: 'Roll back to version 1?' });
}

test('item 1: a rollback asks first, shows the diff, and loads as the saved state', async ({ orgAdmin: page }) => {
  const connectionId = await connectSite(page, SITE);
  await openConfiguration(page, connectionId);
  await waitForStatuses(page);
  const first = statusSelects(page).first();
  const name = await nameOf(first);
  const dialog = await saveTwoVersionsAndOpenRollback(page, first);
  await expect(dialog).toBeVisible();
  await expect(dialog.getByRole('list')).toContainText(`${name} → Blocked (was Cancelled)`);
  await expectAccessible(page);
  await captureScreens(page, 'editor-rollback-confirm', dialog);
  await dialog.getByRole('button', { name: 'Roll back to version 1' }).click();
  await expect(dialog).toBeHidden();

  // Seen: "1 unsaved change", further rollbacks blocked, and Save conflicting with the admin's own rollback.
  await expect(saveStatus(page)).toHaveText('Rolled back to version 1, saved as version 3. All changes saved');
  await expect(page.getByText('Save or discard your edits before rolling back.')).toHaveCount(0);
  await expect(page.getByRole('region', { name: 'History' }).getByRole('paragraph').filter({ hasText: /^Version 3\s*current$/ })).toBeVisible();
  await page.getByRole('button', { name: 'Roll back to version 2' }).click();
  const again = page.getByRole('dialog', { name: 'Roll back to version 2?' });
  await expect(again.getByRole('list')).toContainText(`${name} → Cancelled (was Blocked)`);
  await again.getByRole('button', { name: 'Roll back to version 2' }).click();
  await expect(saveStatus(page)).toHaveText('Rolled back to version 2, saved as version 4. All changes saved');

  await page.getByRole('tab', { name: /Statuses/ }).click();
  await expect(statusSelects(page).first()).toHaveValue('CANCELLED');
  await statusSelects(page).nth(1).selectOption('PENDING');
  await saveAndExpect(page, 'Saved as version 5.');
  await expect(page.getByRole('alert').filter({ hasText: 'Not saved' })).toHaveCount(0);
  await page.reload();
  await waitForStatuses(page);
  await expect(statusSelects(page).first()).toHaveValue('CANCELLED');
  await expect(statusSelects(page).nth(1)).toHaveValue('PENDING');
});

test("item 1: a rollback refused by another admin's save loads their version, names their rows and asks again", async ({
  orgAdmin: page,
  org,
  browser,
  baseURL,
  database,
}) => {
  const connectionId = await connectSite(page, SITE);
  await openConfiguration(page, connectionId);
  await waitForStatuses(page);
  const [first, second] = [statusSelects(page).nth(0), statusSelects(page).nth(1)];
  const [firstName, secondName] = [await nameOf(first), await nameOf(second)];
  const dialog = await saveTwoVersionsAndOpenRollback(page, first);
  const diff = dialog.getByRole('list', { name: 'Changes rolling back to version 1 makes' });
  await expect(diff).toContainText(`${firstName} → Blocked (was Cancelled)`);
  await expect(diff).not.toContainText(secondName);

  // The race, forced: with the dialog open on version 2, a second admin saves version 3 in another browser.
  await database`update memberships set role = 'admin' where organization_id = ${org.id}
    and user_id = (select id from users where email = ${org.member.email})`;
  const other = await browser.newContext({ baseURL });
  const otherPage = await other.newPage();
  await signIn(otherPage, org.member);
  await openConfiguration(otherPage, connectionId);
  await waitForStatuses(otherPage);
  await otherPage.getByRole('combobox', { name: `Standard status for ${secondName}` }).selectOption('IN_REVIEW');
  await saveAndExpect(otherPage, 'Saved as version 3.');
  await other.close();

  // Seen: only an error ("apply yours again on top of them"), with the editor still on version 2.
  await dialog.getByRole('button', { name: 'Roll back to version 1' }).click();
  const refusal = dialog.getByRole('alert');
  await expect(refusal).toContainText(`Not rolled back: ${org.member.name} saved version 3 at `);
  await expect(refusal).toContainText('after you loaded version 2.');
  await expect(refusal.getByRole('list', { name: 'Their changes' })).toContainText(`${secondName} → In review (was `);
  await expect(refusal).toContainText('Rolling back to version 1 now replaces it, their changes included');
  // The diff is now measured from their version: confirming again would undo their row too.
  await expect(dialog).toContainText('Changes from version 3');
  await expect(diff).toContainText(`${firstName} → Blocked (was Cancelled)`);
  await expect(diff).toContainText(`${secondName} → `);
  await expect(diff).toContainText('(was In review)');
  const history = page.getByRole('region', { name: 'History' });
  await expect(history.getByRole('paragraph').filter({ hasText: /^Version 3\s*current$/ })).toBeVisible();
  await expect(saveStatus(page)).toContainText(`Not rolled back: ${org.member.name} saved version 3 at `);
  await expect(saveStatus(page)).toContainText('Version 3 is loaded; review it, then roll back again. All changes saved');
  await expectAccessible(page);
  await captureScreens(page, 'editor-rollback-refused', dialog);

  await dialog.getByRole('button', { name: 'Roll back to version 1' }).click();
  await expect(dialog).toBeHidden();
  await expect(saveStatus(page)).toHaveText('Rolled back to version 1, saved as version 4. All changes saved');
  await page.getByRole('tab', { name: /Statuses/ }).click();
  await expect(first).toHaveValue('BLOCKED');
  await expect(second).not.toHaveValue('IN_REVIEW');
  // A dialog opened again starts clean: no leftover refusal from the earlier attempt.
  await page.getByRole('tab', { name: 'History' }).click();
  await page.getByRole('button', { name: 'Roll back to version 3' }).click();
  const again = page.getByRole('dialog', { name: 'Roll back to version 3?' });
  await expect(again.getByRole('list', { name: 'Changes rolling back to version 3 makes' })).toContainText(`${secondName} → In review`);
  await expect(again.getByRole('alert')).toHaveCount(0);
});

test('item 9: searching the Statuses tab by a project finds every status its workflow uses, reading each project once', async ({
  orgAdmin: page,
}) => {
  const connectionId = await connectSite(page, SITE);
  const reads: string[] = [];
  page.on('request', (request) => {
    const url = new URL(request.url());
    if (url.pathname.endsWith('/project-statuses')) reads.push(url.searchParams.get('project')!);
  });
  await openConfiguration(page, connectionId);
  await waitForStatuses(page);
  const search = page.getByRole('searchbox', { name: 'Search statuses or projects' });
  const shownNames = async () => Promise.all((await statusSelects(page).all()).map(nameOf));
  // PLAT's workflows use only global statuses, whose usage statuses/search does not tell.
  const platform = ['Open', 'In Progress', 'Reopened', 'Resolved', 'Closed', 'To Do', 'Done', 'Backlog', 'Selected for Development', 'In Review', 'Blocked', "Won't Do"];

  // Seen: "PLAT" found nothing, because no status was known to be used in PLAT.
  await search.fill('PLAT');
  await expect(statusSelects(page)).toHaveCount(platform.length);
  expect((await shownNames()).sort()).toEqual([...platform].sort());
  await expect(page.getByRole('row', { name: /^In Progress/ }).getByRole('cell').first()).toContainText('PLAT');
  await expect(page.getByText('Nothing matches these filters.')).toHaveCount(0);
  await captureScreens(page, 'editor-status-search-project', page.getByRole('region', { name: 'Status mapping' }));

  // By the project's name, and again by its key: the workflow was read once.
  await search.fill('platform');
  await expect(statusSelects(page)).toHaveCount(platform.length);
  await search.fill('PLAT');
  await expect(statusSelects(page)).toHaveCount(platform.length);
  expect(reads).toEqual(['PLAT']);

  // A query that names many projects reads none and says how to narrow it.
  await search.fill('p');
  await expect(page.getByText('5 projects match “p”: statuses shared across projects are found once the search names one project')).toBeVisible();
  expect(reads).toEqual(['PLAT']);

  // HELP's service workflow: its statuses, not PLAT's.
  await search.fill('HELP');
  await expect(page.getByRole('combobox', { name: 'Standard status for Waiting for support' })).toBeVisible();
  await expect(page.getByRole('combobox', { name: 'Standard status for Backlog' })).toHaveCount(0);
  expect(reads).toEqual(['PLAT', 'HELP']);
  await expectAccessible(page);
});

test('item 7: the conflict panel names their rows and a same-row collision is resolved row by row', async ({ orgAdmin: page, org, browser, baseURL }) => {
  const connectionId = await connectSite(page, SITE);
  await openConfiguration(page, connectionId);
  await waitForStatuses(page);
  const [collided, mineOnly, theirsOnly] = [0, 1, 2].map((index) => statusSelects(page).nth(index));
  const [collidedName, theirsOnlyName] = [await nameOf(collided!), await nameOf(theirsOnly!)];

  const other = await browser.newContext({ baseURL });
  const otherPage = await other.newPage();
  await signIn(otherPage, org.admin);
  await openConfiguration(otherPage, connectionId);
  await waitForStatuses(otherPage);
  await statusSelects(otherPage).nth(0).selectOption('CANCELLED');
  await statusSelects(otherPage).nth(2).selectOption('IN_REVIEW');
  await saveAndExpect(otherPage, 'Saved as version 1.');
  await other.close();

  await collided!.selectOption('BLOCKED');
  await mineOnly!.selectOption('PENDING');
  await page.getByRole('button', { name: 'Save changes' }).click();
  const conflict = page.getByRole('alert').filter({ hasText: 'Not saved' });
  await expect(conflict).toContainText('saved version 1 while you were editing');
  // Seen: "Their changes: 1 status mapping", unnamed.
  await expect(conflict.getByRole('list', { name: 'Their changes' })).toContainText(`${theirsOnlyName} → In review (was `);
  const choice = conflict.getByRole('radiogroup', { name: `Value for ${collidedName}` });
  await expect(choice.getByRole('radio', { name: 'Keep mine: Blocked' })).toBeVisible();
  await expect(choice.getByRole('radio', { name: 'Take theirs: Cancelled' })).toBeVisible();
  // Seen: "Keep my edits on top of theirs" silently overwrote their edit of the same row.
  const apply = conflict.getByRole('button', { name: 'Apply my choices on top of theirs' });
  await expect(apply).toBeDisabled();
  await expectAccessible(page);
  await captureScreens(page, 'editor-conflict-rows', conflict);

  await choice.getByRole('radio', { name: 'Take theirs: Cancelled' }).check();
  await apply.click();
  await expect(conflict).toHaveCount(0);
  await expect(collided!).toHaveValue('CANCELLED');
  await expect(mineOnly!).toHaveValue('PENDING');
  await expect(theirsOnly!).toHaveValue('IN_REVIEW');
  await saveAndExpect(page, 'Saved as version 2.');
});

test('item 14: a member sees an ask-an-admin banner first and controls that look disabled', async ({ orgAdmin: page, orgMember, org }) => {
  const connectionId = await connectSite(page, SITE);
  await openConfiguration(page, connectionId);
  await waitForStatuses(page);
  await openConfiguration(orgMember, connectionId);
  await waitForStatuses(orgMember);

  const banner = orgMember.getByRole('note').filter({ hasText: 'Only admins can change mappings — ask an admin:' });
  await expect(banner).toContainText(`${org.admin.name} (${org.admin.email})`);
  await expect(banner.getByRole('link', { name: org.admin.email })).toHaveAttribute('href', `mailto:${org.admin.email}`);
  // At the top: above the tabs, not at the bottom of a long page.
  const [bannerBox, tabsBox] = [await banner.boundingBox(), await orgMember.getByRole('tablist').boundingBox()];
  expect(bannerBox!.y).toBeLessThan(tabsBox!.y);
  await expect(page.getByRole('note').filter({ hasText: 'Only admins' })).toHaveCount(0);

  // Seen: disabled selects looked exactly like enabled ones.
  const disabled = statusSelects(orgMember).first();
  await expect(disabled).toBeDisabled();
  const look = (select: Locator) =>
    select.evaluate((element) => {
      const style = getComputedStyle(element);
      return { background: style.backgroundColor, color: style.color, cursor: style.cursor };
    });
  const [enabledLook, disabledLook] = [await look(statusSelects(page).first()), await look(disabled)];
  expect(disabledLook.background).not.toBe(enabledLook.background);
  expect(disabledLook.color).not.toBe(enabledLook.color);
  expect(disabledLook.cursor).toBe('not-allowed');
  await expectAccessible(orgMember);
  await captureScreens(orgMember, 'editor-read-only-member');
  await orgMember.setViewportSize({ width: 390, height: 844 });
  await captureScreens(orgMember, 'editor-read-only-member-390');
});

test('item 15: tabs follow the WAI-ARIA pattern and the URL, and focus lands on the save result', async ({ orgAdmin: page }) => {
  const connectionId = await connectSite(page, SITE);
  await openConfiguration(page, connectionId);
  await waitForStatuses(page);
  const tabs = page.getByRole('tab');
  const tab = (name: string | RegExp) => page.getByRole('tab', { name });

  await tab(/Statuses/).focus();
  await page.keyboard.press('ArrowRight');
  await expect(tab('Priorities')).toBeFocused();
  await expect(tab('Priorities')).toHaveAttribute('aria-selected', 'true');
  await expect(page).toHaveURL(/\?tab=priorities$/);
  await expect(page.getByRole('tabpanel', { name: 'Priorities' })).toBeVisible();
  // Roving tabindex: one tab stop, on the selected tab.
  await expect(tabs.and(page.locator('[tabindex="0"]'))).toHaveCount(1);
  await expect(tab('Priorities')).toHaveAttribute('tabindex', '0');
  for (const name of ['Statuses', 'Projects', 'Overrides', 'Preview', 'History']) {
    const controls = await tab(name === 'Statuses' ? /Statuses/ : name).getAttribute('aria-controls');
    await expect(page.locator(`#${controls}`)).toHaveAttribute('role', 'tabpanel');
  }

  await page.keyboard.press('End');
  await expect(tab('History')).toBeFocused();
  await expect(page).toHaveURL(/\?tab=history$/);
  await page.keyboard.press('Home');
  await expect(tab(/Statuses/)).toBeFocused();
  await page.keyboard.press('ArrowLeft');
  await expect(tab('History')).toBeFocused();
  await expect(tab('History')).toHaveAttribute('aria-selected', 'true');

  await page.reload();
  await expect(tab('History')).toHaveAttribute('aria-selected', 'true');
  await page.goBack();
  await expect(page).toHaveURL(/\?tab=statuses$/);
  await expect(tab(/Statuses/)).toHaveAttribute('aria-selected', 'true');
  await page.goBack();
  await expect(page).toHaveURL(/\?tab=history$/);
  await expect(tab('History')).toHaveAttribute('aria-selected', 'true');

  await openConfiguration(page, connectionId, '?tab=statuses');
  await waitForStatuses(page);
  const first = statusSelects(page).first();
  await first.focus();
  // One key: a select's type-ahead forgets earlier keys after about a second, which a loaded machine can take.
  await page.keyboard.press('b');
  await expect(first).toHaveValue('BLOCKED');
  await page.getByRole('button', { name: 'Save changes' }).focus();
  await page.keyboard.press('Enter');
  // Seen: Save disabled itself and focus fell to the page. Now it lands on the status line, which says what happened.
  await expect(saveStatus(page)).toHaveText('Saved as version 1. All changes saved');
  await expect(saveStatus(page)).toBeFocused();
  await captureScreens(page, 'editor-saved-focus');
  await first.focus();
  await page.keyboard.press('o');
  await page.getByRole('button', { name: 'Discard' }).focus();
  await page.keyboard.press('Enter');
  await expect(saveStatus(page)).toHaveText('Edits discarded. All changes saved');
  await expect(saveStatus(page)).toBeFocused();
  await expect(first).toHaveValue('BLOCKED');
  await expectAccessible(page);
});
