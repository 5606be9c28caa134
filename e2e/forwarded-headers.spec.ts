import { expect, test } from '@playwright/test';
import { E2E } from './env';

// A made-up action id: Next answers 409 "Server Action unavailable" once a request is past its origin check,
// so that answer means the check was passed.
const FAKE_ACTION = { 'Next-Action': `7f${'0'.repeat(38)}aa`, 'Content-Type': 'text/plain;charset=UTF-8' };

test('a spoofed X-Forwarded-Host no longer passes the server-action origin check', async ({ request }) => {
  const spoofed = await request.post(`${E2E.baseUrl}/sign-in`, {
    headers: { ...FAKE_ACTION, Origin: 'http://evil.example', 'X-Forwarded-Host': 'evil.example' },
    data: '[]',
    maxRedirects: 0,
  });
  expect(spoofed.status()).not.toBe(409);
  expect(await spoofed.text()).not.toContain('Server Action unavailable');

  // The control: the same request from Portico's own origin gets past the check, so the test would notice
  // if Next stopped checking altogether.
  const sameOrigin = await request.post(`${E2E.baseUrl}/sign-in`, { headers: { ...FAKE_ACTION, Origin: E2E.baseUrl }, data: '[]', maxRedirects: 0 });
  expect(sameOrigin.status()).toBe(409);
});

test('no HSTS over plain http, whatever X-Forwarded-Proto a client claims', async ({ request }) => {
  const variants: Record<string, string>[] = [{}, { 'X-Forwarded-Proto': 'https' }];
  for (const headers of variants) {
    const response = await request.get(`${E2E.baseUrl}/sign-in`, { headers, maxRedirects: 0 });
    expect(response.status()).toBe(200);
    expect(response.headers()['strict-transport-security']).toBeUndefined();
  }
});
