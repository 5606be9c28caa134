import { validateHeaderValue } from 'node:http';
import fc from 'fast-check';
import { beforeEach, describe, expect, it, vi } from 'vitest';
import { DEFAULT_AFTER_SIGN_IN, sameOriginRedirect } from '@/lib/auth/safe-redirect';

const BASE_URL = 'http://portico.test';
const captured = vi.hoisted(() => ({ redirectTo: undefined as string | undefined, throttledFor: undefined as number | undefined }));
vi.mock('next-auth', () => ({ AuthError: class AuthError extends Error {} }));
vi.mock('@/lib/config/env', () => ({ env: () => ({ PORTICO_BASE_URL: 'http://portico.test' }) }));
// Auth.js is stood in for by what it does with `redirectTo` on success: its default redirect callback puts a
// path after the base URL, and the answer carries it as a Location header (Node refuses a header value with
// a control character: that was the 500). Portico's own callback is checked separately below.
vi.mock('@/lib/auth/auth', () => ({
  SignInThrottled: class SignInThrottled extends Error {
    constructor(readonly retryAfterSecs: number) {
      super('throttled');
    }
  },
  signIn: async (_provider: string, options: { redirectTo: string }) => {
    if (captured.throttledFor !== undefined) {
      const { SignInThrottled } = await import('@/lib/auth/auth');
      throw new SignInThrottled(captured.throttledFor);
    }
    captured.redirectTo = options.redirectTo;
  },
}));

const { signInWithPassword } = await import('./actions');

/** Where a browser ends up: the Location the server sends, resolved against the page, as Next's router does. */
async function landingAfterSignIn(callbackUrl: string): Promise<{ location: string; landing: URL }> {
  const form = new FormData();
  form.set('email', 'ada@acme.test');
  form.set('password', 'correct horse');
  form.set('callbackUrl', callbackUrl);
  captured.redirectTo = undefined;
  await signInWithPassword({}, form);
  const redirectTo = captured.redirectTo!;
  const location = redirectTo.startsWith('/') ? `${BASE_URL}${redirectTo}` : redirectTo;
  validateHeaderValue('location', location);
  const landing = new URL(location, BASE_URL);
  // Next's client router follows the path of a server action's redirect: resolve it again as a bare path.
  const followed = new URL(`${landing.pathname}${landing.search}${landing.hash}`, BASE_URL);
  return { location, landing: followed };
}

describe('signInWithPassword', () => {
  beforeEach(() => {
    captured.redirectTo = undefined;
    captured.throttledFor = undefined;
  });

  it('tells a throttled user how long to wait, and keeps the email they typed', async () => {
    captured.throttledFor = 287;
    const form = new FormData();
    form.set('email', 'ada@acme.test');
    form.set('password', 'guess');
    expect(await signInWithPassword({}, form)).toEqual({ email: 'ada@acme.test', error: 'Too many sign-in attempts. Wait 5 minutes and try again.' });
  });

  it.each([
    ['/\t/evil.example/phish'],
    ['/\t\\evil.example'],
    ['//evil.example'],
    ['/\\evil.example'],
    ['/.//evil.example'],
    ['https://evil.example/phish'],
    ['javascript:alert(1)'],
    ['/settings\n'],
    ['\n/settings'],
  ])('never leaves Portico for %j, and falls back to the default page', async (callbackUrl) => {
    const { landing } = await landingAfterSignIn(callbackUrl);
    expect(landing.origin).toBe(BASE_URL);
    expect(landing.pathname).toBe(DEFAULT_AFTER_SIGN_IN);
  });

  it.each([
    ['/settings/members', '/settings/members'],
    ['/settings/integrations/jira/abc?tab=mappings#status', '/settings/integrations/jira/abc?tab=mappings#status'],
    [`${BASE_URL}/settings/api-keys`, '/settings/api-keys'],
    ['/settings/%0A', '/settings/%0A'],
  ])('keeps the same-origin page %j', async (callbackUrl, expected) => {
    const { landing } = await landingAfterSignIn(callbackUrl);
    expect(`${landing.pathname}${landing.search}${landing.hash}`).toBe(expected);
  });

  it('stays on Portico and answers a valid header for 3,000 fuzzed callback URLs', async () => {
    const piece = fc.constantFrom('/', '//', '\\', '\t', '\n', '\r', '\0', ' ', '.', '..', '%2F', '%5C', '%09', ':', '@', '?', '#', 'evil.example', 'https:', 'javascript:', 'settings', '\u2028', '\uFF0F', 'é');
    const crafted = fc.array(piece, { maxLength: 8 }).map((parts) => parts.join(''));
    const target = fc.oneof(crafted, fc.string({ unit: 'binary', maxLength: 40 }), fc.webUrl(), fc.webPath());
    let offOrigin = 0;
    let runs = 0;
    await fc.assert(
      fc.asyncProperty(target, async (callbackUrl) => {
        runs += 1;
        const { landing } = await landingAfterSignIn(callbackUrl);
        if (landing.origin !== BASE_URL) offOrigin += 1;
        expect(landing.origin).toBe(BASE_URL);
      }),
      { numRuns: 3_000 },
    );
    expect({ runs, offOrigin }).toEqual({ runs: 3_000, offOrigin: 0 });
  });

  it("keeps Auth.js's own redirects (OIDC, sign-out) on Portico for 2,000 fuzzed absolute and relative URLs", () => {
    const target = fc.oneof(fc.webUrl({ withQueryParameters: true }), fc.string({ unit: 'binary', maxLength: 40 }), fc.webPath());
    fc.assert(
      fc.property(target, (url) => {
        const location = sameOriginRedirect({ url, baseUrl: BASE_URL });
        validateHeaderValue('location', location);
        const landing = new URL(location);
        expect(landing.origin).toBe(BASE_URL);
        expect(new URL(`${landing.pathname}${landing.search}`, BASE_URL).origin).toBe(BASE_URL);
      }),
      { numRuns: 2_000 },
    );
  });
});
