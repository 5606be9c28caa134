/**
 * POST /api/webhooks/jira's handler (receiveDelivery) behind a plain node:http server in a process of its own,
 * as a Portico web process would serve it, for the webhook benchmark (scripts/bench/webhooks.ts). Prints
 * `port <n>` once listening; stops on SIGTERM. Environment as for Portico: DATABASE_URL, ATLASSIAN_*, …
 *
 *   node --conditions=react-server --import tsx scripts/webhooks/receiver-child.ts
 */
import { createServer } from 'node:http';
import type { AddressInfo } from 'node:net';
import { receiveDelivery } from '../../lib/integrations/jira/webhooks/receive-delivery';

const server = createServer((req, res) => {
  const chunks: Buffer[] = [];
  req.on('data', (chunk: Buffer) => chunks.push(chunk));
  req.on('end', () => {
    const headers = new Headers();
    for (const [name, value] of Object.entries(req.headers)) if (typeof value === 'string') headers.set(name, value);
    const request = new Request(`${process.env.PORTICO_BASE_URL}${req.url}`, { method: 'POST', headers, body: Buffer.concat(chunks) });
    receiveDelivery(request).then(
      async (answer) => {
        res.writeHead(answer.status, { 'content-type': 'application/json' });
        res.end(Buffer.from(await answer.arrayBuffer()));
      },
      () => {
        res.writeHead(500);
        res.end();
      },
    );
  });
});
server.listen(0, '127.0.0.1', () => process.stdout.write(`port ${(server.address() as AddressInfo).port}\n`));
process.once('SIGTERM', () => server.close(() => process.exit(0)));
