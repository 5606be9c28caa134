/**
 * Screenshots of every page of Portico, for a person to look at (issue 15, "Everywhere"): at 1280×800 and
 * 390×844, in light and in dark, full page. Also measures each page's document width against the viewport
 * and prints the pages that scroll sideways, with the innermost elements that stick out.
 *
 *   npx next build && npx tsx scripts/screenshots.ts [--out artifacts/screens] [--port 3280] [--sandbox-port 3282]
 *
 * Self-contained: starts its own Portico (ports --port and --port+1, the sandbox on --sandbox-port) on a fresh
 * embedded database in a temporary folder, signs in as the demo admin, connects Jira in the sandbox's default
 * scenario, waits for the after-connect check, walks the pages, and stops everything. Files are named
 * `<page>-<width>-<light|dark>.png`; `widths.json` beside them holds the measured widths. Exits 1 when a page
 * is wider than its viewport, so it can gate a change, but its main product is the pictures.
 */
import type { ChildProcess } from 'node:child_process';
import { mkdir, mkdtemp, rm, writeFile } from 'node:fs/promises';
import os from 'node:os';
import path from 'node:path';
import { parseArgs } from 'node:util';
import { chromium, type Browser, type Page } from '@playwright/test';
import { CHROMIUM_ARGS, chromiumExecutable } from '../e2e/chromium';
import { SandboxControl } from '../e2e/sandbox';
import { startPorticoProcess, stopPorticoProcess } from './bench/portico-process';

const { values } = parseArgs({
  options: {
    out: { type: 'string', default: 'artifacts/screens' },
    port: { type: 'string', default: '3280' },
    'sandbox-port': { type: 'string', default: '3282' },
  },
});
const OUT = path.resolve(values.out);
const BASE = `http://localhost:${values.port}`;
const sandbox = new SandboxControl(`http://127.0.0.1:${values['sandbox-port']}`);
const MAIN_SITE = 'acme-sandbox.atlassian.net';
const LABS_SITE = { cloudId: '8e2a9b7c-5d4f-4e3a-8b1c-6d7e8f9a0b1c', host: 'acme-labs-sandbox.atlassian.net' };

const VIEWPORTS = [
  { name: '1280', width: 1280, height: 800 },
  { name: '390', width: 390, height: 844 },
] as const;
const SCHEMES = ['light', 'dark'] as const;

interface Measured {
  page: string;
  viewport: string;
  scrollWidth: number;
  innerWidth: number;
  culprits: string[];
}
const measured: Measured[] = [];

/**
 * The document's width and, when wider than the viewport, the innermost unclipped elements that stick out.
 * A string, not a function: tsx's esbuild wraps named inner functions in a `__name` helper the page lacks.
 */
const MEASURE_WIDTH = `(() => {
  const width = window.innerWidth;
  const clipped = (element) => {
    for (let up = element.parentElement; up; up = up.parentElement) if (getComputedStyle(up).overflowX !== 'visible') return true;
    return false;
  };
  const wide = [...document.body.querySelectorAll('*')].filter((element) => element.getBoundingClientRect().right > width + 0.5 && !clipped(element));
  const culprits = wide
    .filter((element) => !wide.some((other) => other !== element && element.contains(other)))
    .slice(0, 3)
    .map((element) => '<' + element.tagName.toLowerCase() + ' class="' + (element.getAttribute('class') ?? '') + '"> ' + (element.textContent ?? '').slice(0, 50));
  return { scrollWidth: document.documentElement.scrollWidth, innerWidth: width, culprits };
})()`;

const measureWidth = (page: Page) => page.evaluate<{ scrollWidth: number; innerWidth: number; culprits: string[] }>(MEASURE_WIDTH);

/** Screenshots the page at `url` (already signed in) at both widths and in both schemes. */
async function shoot(page: Page, name: string, url: string | null, prepare?: (page: Page) => Promise<void>) {
  for (const viewport of VIEWPORTS) {
    await page.setViewportSize({ width: viewport.width, height: viewport.height });
    if (url !== null) {
      await page.goto(url);
      await page.waitForLoadState('networkidle');
    }
    if (prepare) await prepare(page);
    const width = await measureWidth(page);
    measured.push({ page: name, viewport: viewport.name, ...width });
    for (const colorScheme of SCHEMES) {
      await page.emulateMedia({ colorScheme });
      // animations: 'disabled' finishes colour transitions, else dark shots catch buttons still light.
      await page.screenshot({ path: path.join(OUT, `${name}-${viewport.name}-${colorScheme}.png`), fullPage: true, animations: 'disabled' });
    }
    await page.emulateMedia({ colorScheme: 'light' });
  }
  console.error(`  ${name}`);
}

async function signIn(page: Page, email: string, password: string) {
  await page.goto('/sign-in');
  await page.getByLabel('Email').fill(email);
  await page.getByLabel('Password').fill(password);
  await page.getByRole('button', { name: 'Sign in' }).click();
  await page.waitForURL(/\/settings\/integrations/);
}

/** Connect → Atlassian's (the sandbox's) consent → back on the connection page; returns the connection id. */
async function connectJira(page: Page): Promise<string> {
  await page.goto('/settings/integrations');
  await page.getByRole('article', { name: 'Jira Cloud' }).getByRole('button', { name: 'Connect' }).click();
  await page.getByLabel('Use app on').selectOption({ label: MAIN_SITE });
  await page.getByRole('button', { name: 'Accept' }).click();
  await page.waitForURL(/\/settings\/integrations\/jira\/[0-9a-f-]{36}\?jira=connected/);
  const connectionId = /\/jira\/([0-9a-f-]{36})/.exec(page.url())![1]!;
  // The after-connect diagnostics run in the background: the page says "Health: …" once it has finished.
  const deadline = Date.now() + 60_000;
  for (;;) {
    await page.goto(`/settings/integrations/jira/${connectionId}`);
    if (await page.getByText(/^Health: /).count()) break;
    if (Date.now() > deadline) throw new Error('The after-connect check did not finish within 60 s');
    await page.waitForTimeout(1_000);
  }
  return connectionId;
}

async function walk(browser: Browser) {
  const context = await browser.newContext({ baseURL: BASE });
  // A 23,000 px page on a loaded 2-core machine takes longer to capture than Playwright's default 30 s.
  context.setDefaultTimeout(180_000);
  const page = await context.newPage();

  await shoot(page, 'sign-in', '/sign-in');
  await signIn(page, 'admin@example.com', 'portico-admin');
  await shoot(page, 'integrations-empty', '/settings/integrations');
  const id = await connectJira(page);
  await shoot(page, 'connected-banner', `/settings/integrations/jira/${id}?jira=connected`);

  const jira = `/settings/integrations/jira/${id}`;
  await shoot(page, 'integrations', '/settings/integrations');
  await shoot(page, 'connection', jira);
  for (const tab of ['statuses', 'priorities', 'projects', 'overrides', 'preview', 'history']) {
    await shoot(page, `configuration-${tab}`, `${jira}/configuration?tab=${tab}`, async (p) => {
      // The editor reads Jira metadata after hydration: wait for the skeleton to give way.
      await p.getByRole('tabpanel').waitFor();
      await p.waitForLoadState('networkidle');
    });
  }
  await shoot(page, 'troubleshooting', `${jira}/troubleshooting`);
  await shoot(page, 'oauth-app', '/settings/integrations/jira/oauth-app');
  await shoot(page, 'tickets', '/tickets');
  await shoot(page, 'api-keys-empty', '/settings/api-keys');
  await shoot(page, 'api-reference', '/settings/api-keys/docs');
  await shoot(page, 'members', '/settings/members');
  await shoot(page, 'background-jobs', '/settings/background-jobs');
  await shoot(page, 'webhooks-empty', '/settings/webhooks');
  // An endpoint with one delivery in its log (it fails: nothing answers offline, which is a state worth seeing).
  await page.getByLabel('Endpoint URL').fill('https://hooks.example.com/portico');
  await page.getByRole('button', { name: 'Add endpoint' }).click();
  await page.getByRole('button', { name: 'Send test event' }).click();
  await page.getByText('Test event queued.').waitFor();
  await shoot(page, 'webhooks', '/settings/webhooks');
  await shoot(page, 'notification-settings', '/settings/notifications');
  await shoot(page, 'outbox', '/settings/outbox');
  await shoot(page, 'notifications', '/notifications');
  await shoot(page, 'not-found', '/settings/no-such-page');
  await shoot(page, 'connection-not-found', '/settings/integrations/jira/00000000-0000-4000-8000-000000000000');

  // An API key, then a connection created through the API: the key list and the authorize-link page.
  await page.goto('/settings/api-keys');
  await page.getByLabel('Name').fill('Onboarding backend');
  await page.getByRole('button', { name: 'Create key' }).click();
  const key = (await page.getByLabel('New API key').textContent())!;
  await shoot(page, 'api-keys-created', null);
  await shoot(page, 'api-keys', '/settings/api-keys');
  const created = await page.request.post('/api/v1/connections', {
    headers: { Authorization: `Bearer ${key}` },
    data: { vendor: 'JIRA', options: { project_keys_filter: ['PLAT'] } },
  });
  const { oauth2_authorize_url: authorizeUrl } = (await created.json()) as { oauth2_authorize_url: string };
  await shoot(page, 'authorize-link', authorizeUrl);
  await shoot(page, 'integrations-with-pending', '/settings/integrations');

  // A second site the user consented to earlier: Connect another site lands on the site picker.
  await sandbox.presetConsent([LABS_SITE.cloudId]);
  await page.goto('/settings/integrations');
  await page.getByRole('article', { name: 'Jira Cloud' }).getByRole('button', { name: /^Connect( another site)?$/ }).first().click();
  await page.getByLabel('Use app on').selectOption({ label: LABS_SITE.host });
  await page.getByRole('button', { name: 'Accept' }).click();
  await page.waitForURL(/\/select-site\/[0-9a-f-]{36}/);
  await shoot(page, 'select-site', page.url());

  // What a member sees: read-only configuration (issue 15 item 14).
  const memberContext = await browser.newContext({ baseURL: BASE });
  memberContext.setDefaultTimeout(180_000);
  const member = await memberContext.newPage();
  await signIn(member, 'member@example.com', 'portico-member');
  await shoot(member, 'member-integrations', '/settings/integrations');
  await shoot(member, 'member-configuration', `${jira}/configuration`, async (p) => {
    await p.getByRole('tabpanel').waitFor();
    await p.waitForLoadState('networkidle');
  });
  await shoot(member, 'member-connection', jira);
  await memberContext.close();
  await context.close();
}

async function main() {
  await mkdir(OUT, { recursive: true });
  const dataDir = await mkdtemp(path.join(os.tmpdir(), 'portico-screens-'));
  let portico: ChildProcess | undefined;
  const browser = await chromium.launch({ executablePath: chromiumExecutable(), args: CHROMIUM_ARGS });
  try {
    portico = await startPorticoProcess({ dataDir, port: values.port, sandboxPort: values['sandbox-port'], instances: 1 });
    await sandbox.setScenario('default');
    await walk(browser);
  } finally {
    await browser.close();
    if (portico) await stopPorticoProcess(portico);
    await rm(dataDir, { recursive: true, force: true });
  }

  await writeFile(path.join(OUT, 'widths.json'), `${JSON.stringify(measured, null, 2)}\n`);
  const wide = measured.filter((row) => row.scrollWidth > row.innerWidth);
  console.log(`${measured.length / VIEWPORTS.length} pages, ${measured.length * SCHEMES.length} screenshots in ${OUT}`);
  if (wide.length === 0) {
    console.log('No page is wider than its viewport.');
    return;
  }
  console.log('Wider than the viewport:');
  for (const row of wide) console.log(`  ${row.page} at ${row.viewport}: ${row.scrollWidth} px for ${row.innerWidth}, by ${row.culprits.join('; ')}`);
  process.exitCode = 1;
}

main().catch((error: unknown) => {
  console.error(error);
  process.exit(1);
});
