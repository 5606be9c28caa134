import { describe, expect, it } from 'vitest';
import { createRateLimiter } from './rate-limit';

describe('createRateLimiter', () => {
  it('allows the burst, refuses the next with Retry-After, and refills over time', () => {
    let now = 0;
    const take = createRateLimiter({ perMinute: 3, now: () => now });
    expect([take('a'), take('a'), take('a')].map((v) => v.allowed)).toEqual([true, true, true]);
    const refused = take('a');
    expect(refused).toEqual({ allowed: false, limit: 3, remaining: 0, retryAfterSecs: 20 });
    expect(take('b').allowed).toBe(true);
    now = 20_000;
    expect(take('a').allowed).toBe(true);
    expect(take('a').allowed).toBe(false);
  });

  it('forgets the least recently used key beyond maxKeys', () => {
    const take = createRateLimiter({ perMinute: 1, maxKeys: 2, now: () => 0 });
    take('a');
    take('b');
    take('c');
    expect(take('a').allowed).toBe(true);
    expect(take('c').allowed).toBe(false);
  });
});
