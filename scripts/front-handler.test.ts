import { createServer, type IncomingHttpHeaders, type Server } from 'node:http';
import type { AddressInfo } from 'node:net';
import { afterEach, describe, expect, it } from 'vitest';
import { parseTrustedProxies } from '../lib/http/forwarded-headers';
import { frontHandler, HSTS } from './front-handler';

let server: Server | undefined;
afterEach(async () => {
  await new Promise((resolve) => server?.close(resolve) ?? resolve(undefined));
  server = undefined;
});

/** A real socket from 127.0.0.1 to the front, with a stand-in for Next that reports the headers it was given. */
async function throughFront(trusted: string, headers: Record<string, string>) {
  let seen: IncomingHttpHeaders = {};
  server = createServer(
    frontHandler((req, res) => {
      seen = { ...req.headers };
      res.end('ok');
    }, parseTrustedProxies(trusted)),
  );
  await new Promise<void>((resolve) => server!.listen(0, '127.0.0.1', resolve));
  const { port } = server.address() as AddressInfo;
  const response = await fetch(`http://127.0.0.1:${port}/`, { headers });
  await response.text();
  return { seen, hsts: response.headers.get('strict-transport-security') };
}

const SPOOFED = { 'x-forwarded-host': 'evil.example', 'x-forwarded-proto': 'https', 'x-forwarded-for': '6.6.6.6', origin: 'https://evil.example' };

describe('the front before Next', () => {
  it('hides a spoofed X-Forwarded-Host from Next (the server-action origin check) and sends no HSTS over http', async () => {
    const { seen, hsts } = await throughFront('', SPOOFED);
    expect(seen['x-forwarded-host']).toBeUndefined();
    expect(seen['x-forwarded-proto']).toBeUndefined();
    expect(seen['x-forwarded-for']).toBe('127.0.0.1');
    expect(seen.host).toMatch(/^127\.0\.0\.1:\d+$/);
    expect(hsts).toBeNull();
  });

  it('passes a configured proxy’s forwarded headers, and adds HSTS when it says the client used https', async () => {
    const { seen, hsts } = await throughFront('127.0.0.1', { ...SPOOFED, 'x-forwarded-host': 'portico.example.com' });
    expect(seen['x-forwarded-host']).toBe('portico.example.com');
    expect(seen['x-forwarded-for']).toBe('6.6.6.6');
    expect(hsts).toBe(HSTS);
  });
});
