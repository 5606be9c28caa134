import { readFileSync } from 'node:fs';
import { unstable_doesMiddlewareMatch } from 'next/experimental/testing/server';
import { NextRequest } from 'next/server';
import { describe, expect, it } from 'vitest';
import { config, proxy } from './proxy';

const PUBLIC_FILES = [
  '/favicon.ico',
  '/apple-touch-icon.png',
  '/icon-192.png',
  '/icon-512.png',
  '/manifest.webmanifest',
  '/robots.txt',
];

describe('proxy.ts and public/', () => {
  it.each(PUBLIC_FILES)('%s exists in public/ and is served without a session', (file) => {
    expect(readFileSync(`public${file}`).length).toBeGreaterThan(0);
    expect(unstable_doesMiddlewareMatch({ config, url: file })).toBe(false);
    // Even if the matcher changes, the proxy itself lets the file through.
    expect(proxy(new NextRequest(`http://portico.test${file}`)).headers.get('location')).toBeNull();
  });

  it('robots.txt disallows everything', () => {
    expect(readFileSync('public/robots.txt', 'utf8')).toMatch(/^User-agent: \*\nDisallow: \/$/m);
  });

  it('the health and metrics endpoints are not behind the sign-in redirect; the made-up /__health is gone', () => {
    for (const url of ['/api/health', '/api/health/ready', '/api/metrics'])
      expect(unstable_doesMiddlewareMatch({ config, url })).toBe(false);
    const stale = proxy(new NextRequest('http://portico.test/__health'));
    expect(stale.headers.get('location')).toMatch(/\/sign-in\?callbackUrl=%2F__health$/);
  });

  it('still sends a signed-out visitor of a page to sign-in', () => {
    expect(unstable_doesMiddlewareMatch({ config, url: '/settings/members' })).toBe(true);
    expect(proxy(new NextRequest('http://portico.test/settings/members')).headers.get('location')).toMatch(
      /\/sign-in\?callbackUrl=/,
    );
  });
});
