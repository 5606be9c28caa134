import { existsSync } from 'node:fs';
import { chromium } from '@playwright/test';

/**
 * Playwright cannot download its browser here: use PLAYWRIGHT_CHROMIUM_PATH, then Debian's
 * Chromium, then Playwright's own build if one happens to be installed.
 */
export function chromiumExecutable(): string | undefined {
  const candidates = [process.env.PLAYWRIGHT_CHROMIUM_PATH, '/usr/bin/chromium', '/usr/bin/chromium-browser'];
  const found = candidates.find((candidate) => candidate && existsSync(candidate));
  if (found) return found;
  if (existsSync(chromium.executablePath())) return undefined;
  throw new Error(
    'No Chromium found for the end-to-end tests. Install one with `sudo apt-get install -y chromium` ' +
      '(or set PLAYWRIGHT_CHROMIUM_PATH to a Chromium binary).',
  );
}

export const CHROMIUM_ARGS = [
  '--no-sandbox',
  '--disable-gpu',
  '--disable-background-networking',
  '--disable-component-update',
  '--disable-sync',
  '--no-first-run',
];
