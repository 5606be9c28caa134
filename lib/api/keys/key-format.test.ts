import { describe, expect, it } from 'vitest';
import { bearerKey, generateApiKey, hashApiKey } from './key-format';

describe('API key format', () => {
  it('generates 256-bit ptk_ keys with a 12-character prefix and a SHA-256 hex hash', () => {
    const key = generateApiKey();
    expect(key.secret).toMatch(/^ptk_[A-Za-z0-9_-]{43}$/);
    expect(key.prefix).toBe(key.secret.slice(0, 12));
    expect(key.secretHash).toBe(hashApiKey(key.secret));
    expect(key.secretHash).toMatch(/^[0-9a-f]{64}$/);
    expect(generateApiKey().secret).not.toBe(key.secret);
  });

  it.each([
    { header: null, expected: undefined },
    { header: 'Basic abc', expected: undefined },
    { header: 'Bearer ptk_short', expected: undefined },
    { header: `Bearer ptk_${'a'.repeat(43)}`, expected: `ptk_${'a'.repeat(43)}` },
    { header: `bearer   ptk_${'a'.repeat(43)} `, expected: `ptk_${'a'.repeat(43)}` },
    { header: `Bearer ptk_${'a'.repeat(43)} extra`, expected: undefined },
  ])('reads $header', ({ header, expected }) => {
    expect(bearerKey(header)).toBe(expected);
  });
});
