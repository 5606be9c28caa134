import { defineConfig } from '@playwright/test';
import { CHROMIUM_ARGS, chromiumExecutable } from './e2e/chromium';
import { E2E } from './e2e/env';

// CI's self-check (scripts/ci-canary.sh) runs the one spec that must fail, through this same config.
const canaryOnly = process.env.PORTICO_CI_CANARY === '1';

export default defineConfig({
  testDir: './e2e',
  testMatch: canaryOnly ? 'ci-canary/**/*.spec.ts' : '**/*.spec.ts',
  testIgnore: canaryOnly ? [] : ['ci-canary/**'],
  outputDir: './test-results',
  // The specs share one Portico server and one sandbox whose scenario they switch.
  fullyParallel: false,
  workers: 1,
  retries: 0,
  timeout: 60_000,
  expect: { timeout: 10_000 },
  reporter: process.env.CI ? [['list'], ['html', { open: 'never' }]] : 'list',
  use: {
    baseURL: E2E.baseUrl,
    trace: 'retain-on-failure',
    screenshot: 'only-on-failure',
    launchOptions: { executablePath: chromiumExecutable(), args: CHROMIUM_ARGS },
  },
  webServer: {
    // Two Next.js instances (3100, 3101) on one database and sandbox: refresh-concurrency.spec.ts
    // checks that token refresh is single-flight across processes.
    command: `node node_modules/tsx/dist/cli.mjs scripts/portico.ts start --port ${E2E.port} --instances ${E2E.instanceUrls.length}`,
    url: `${E2E.baseUrl}/sign-in`,
    // Printed once every instance answers.
    wait: { stdout: /Portico is running/ },
    reuseExistingServer: false,
    timeout: 120_000,
    stdout: 'ignore',
    stderr: 'pipe',
    env: {
      PORTICO_DATA_DIR: E2E.dataDir,
      PORTICO_FRESH: '1',
      PORTICO_LOG_FILE: E2E.serverLog,
      // Sandbox on 127.0.0.1, Portico on localhost: the consent round trip is cross-site, as
      // with Atlassian, so a SameSite cookie mistake shows up here.
      SANDBOX_PORT: String(E2E.sandboxPort),
      // Notification email goes to the SMTP server notifications-smtp.spec.ts starts (unreachable otherwise: retried).
      SMTP_URL: `smtp://127.0.0.1:${E2E.smtpPort}`,
      NEXT_TELEMETRY_DISABLED: '1',
      // The outbound-webhooks spec's receiver listens on 127.0.0.1.
      PORTICO_WEBHOOKS_ALLOW_PRIVATE: '1',
    },
  },
});
