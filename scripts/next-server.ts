/**
 * One Portico instance: Next.js behind a small Node http front (scripts/front-handler.ts) that decides which
 * forwarded headers to believe from the socket's real peer; `next start` would pass client-supplied
 * X-Forwarded-* straight through. Started by scripts/portico.ts, once per instance:
 *
 *   node --import tsx scripts/next-server.ts dev|start
 *
 * Reads PORT, PORTICO_HOST and PORTICO_TRUSTED_PROXIES (validated with the rest of the environment).
 */
import { createServer } from 'node:http';
import next from 'next';
import { parseEnv, parseLaunchSettings } from '../lib/config/env-schema';
import { log } from '../lib/observability/request-context';
import { frontHandler } from './front-handler';

const dev = process.argv[2] === 'dev';
const config = parseEnv(process.env);
const port = parseLaunchSettings({ PORT: process.env.PORT }).PORT;
const hostname = config.PORTICO_HOST;

const app = next({ dev, hostname, port, dir: process.cwd() });
const handle = app.getRequestHandler();
await app.prepare();
const server = createServer(frontHandler(handle, config.PORTICO_TRUSTED_PROXIES));
// Development's hot reload talks over a WebSocket upgrade on the same port.
const upgrade = app.getUpgradeHandler();
server.on('upgrade', (req, socket, head) => void upgrade(req, socket, head));
server.listen(port, hostname, () => log().info({ hostname, port }, 'Portico instance listening'));

// Stop promptly, as `next start` does: keep-alive connections would otherwise hold server.close() open.
const stop = () => {
  server.close();
  server.closeAllConnections();
  void app.close().finally(() => process.exit(0));
};
process.on('SIGTERM', stop);
process.on('SIGINT', stop);
