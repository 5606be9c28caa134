import path from 'node:path';

// E2E_PORT / E2E_SANDBOX_PORT let two checkouts run their suites side by side.
const port = Number(process.env.E2E_PORT ?? 3100);
const sandboxPort = Number(process.env.E2E_SANDBOX_PORT ?? 4110);

export const E2E = {
  port,
  baseUrl: `http://localhost:${port}`,
  /** The webServer runs two Portico instances (`--instances 2`) sharing one database and sandbox. */
  instanceUrls: [`http://localhost:${port}`, `http://localhost:${port + 1}`],
  sandboxPort,
  sandboxUrl: `http://127.0.0.1:${sandboxPort}`,
  /** Where notifications-smtp.spec.ts starts its SMTP server; the server under test sends there (SMTP_URL). */
  smtpPort: Number(process.env.E2E_SMTP_PORT ?? port + 25),
  dataDir: path.resolve('.data/e2e'),
  serverLog: path.resolve('artifacts/e2e-server.log'),
  screenshots: path.resolve('artifacts/screenshots'),
  /** Everything the browser received and stored, per test, for the final leak scan (zz-leak.spec.ts). */
  captureDir: path.resolve('test-results/leak-capture'),
} as const;

/** The sandbox's default OAuth app (sandbox/README.md), which the launcher gives Portico. */
export const SANDBOX_APP = { clientId: 'portico-sandbox', clientSecret: 'portico-sandbox-secret' } as const;

export const SANDBOX_SITES = {
  main: { cloudId: '3f1d6c4e-2a7b-4c1e-9d8f-0a1b2c3d4e5f', name: 'acme-sandbox', host: 'acme-sandbox.atlassian.net' },
  labs: { cloudId: '8e2a9b7c-5d4f-4e3a-8b1c-6d7e8f9a0b1c', name: 'acme-labs-sandbox', host: 'acme-labs-sandbox.atlassian.net' },
} as const;
