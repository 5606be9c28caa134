// startSandbox(): serves auth.atlassian.com and api.atlassian.com look-alikes on one local port.
import { createServer } from 'node:http';
import type { AddressInfo } from 'node:net';
import { createSandboxApp } from './app';
import type { ScenarioName } from './scenarios';
import type { SandboxApp } from './types';

export type { SandboxApp, ScenarioName };

export async function startSandbox(
  options: { port?: number; host?: string; scenario?: ScenarioName; apps?: SandboxApp[] } = {},
): Promise<{ url: string; port: number; close(): Promise<void> }> {
  const { handler, hung, state } = createSandboxApp({ scenario: options.scenario, apps: options.apps });
  const server = createServer(handler);
  server.keepAliveTimeout = 5_000;
  const host = options.host ?? '127.0.0.1';
  await new Promise<void>((resolve, reject) => {
    server.once('error', reject);
    server.listen(options.port ?? 0, host, () => resolve());
  });
  const port = (server.address() as AddressInfo).port;
  const urlHost = host.includes(':') ? `[${host}]` : host;
  return {
    url: `http://${urlHost}:${port}`,
    port,
    close: () =>
      new Promise<void>((resolve, reject) => {
        state.webhookDispatcher.reset();
        for (const res of hung) res.destroy();
        hung.clear();
        server.close((err) => (err ? reject(err) : resolve()));
        server.closeAllConnections();
      }),
  };
}
