import { describe, expect, it } from 'vitest';
import { decideMetricsAccess } from './metrics-access';

const TOKEN = 'metrics-token-0123456789abcdef';

describe('decideMetricsAccess', () => {
  it.each([
    {
      name: 'no token configured: metrics are off, whatever is sent',
      configured: undefined,
      header: `Bearer ${TOKEN}`,
      expected: { allowed: false, reason: 'metrics_off' },
    },
    {
      name: 'no Authorization header',
      configured: TOKEN,
      header: null,
      expected: { allowed: false, reason: 'unauthenticated' },
    },
    {
      name: 'a wrong token',
      configured: TOKEN,
      header: 'Bearer metrics-token-0123456789abcdeX',
      expected: { allowed: false, reason: 'unauthenticated' },
    },
    {
      name: 'a prefix of the token',
      configured: TOKEN,
      header: `Bearer ${TOKEN.slice(0, -1)}`,
      expected: { allowed: false, reason: 'unauthenticated' },
    },
    {
      name: 'the token as Basic credentials',
      configured: TOKEN,
      header: `Basic ${TOKEN}`,
      expected: { allowed: false, reason: 'unauthenticated' },
    },
    { name: 'the right bearer token', configured: TOKEN, header: `Bearer ${TOKEN}`, expected: { allowed: true } },
    { name: 'the scheme in any case', configured: TOKEN, header: `bearer ${TOKEN}`, expected: { allowed: true } },
  ])('$name', ({ configured, header, expected }) => {
    expect(decideMetricsAccess(configured, header)).toEqual(expected);
  });
});
