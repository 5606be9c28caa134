import { describe, expect, it } from 'vitest';
import { generateOpaqueToken, sha256Hex } from './opaque-token';

describe('opaque tokens', () => {
  it.each([
    { bytes: 32, length: 43 },
    { bytes: 16, length: 22 },
    { bytes: 48, length: 64 },
  ])('$bytes random bytes are $length base64url characters', ({ bytes, length }) => {
    const token = generateOpaqueToken(bytes);
    expect(token).toMatch(new RegExp(`^[A-Za-z0-9_-]{${length}}$`));
    expect(generateOpaqueToken(bytes)).not.toBe(token);
  });

  it.each([
    { value: '', hash: 'e3b0c44298fc1c149afbf4c8996fb92427ae41e4649b934ca495991b7852b855' },
    { value: 'abc', hash: 'ba7816bf8f01cfea414140de5dae2223b00361a396177a9cb410ff61f20015ad' },
  ])('hashes "$value" as SHA-256 hex', ({ value, hash }) => {
    expect(sha256Hex(value)).toBe(hash);
  });
});
