import { randomBytes } from 'node:crypto';
import fc from 'fast-check';
import { describe, expect, it } from 'vitest';

import { decryptSecret, encryptSecret, needsReencryption } from './envelope';
import { DecryptionError, type DecryptionErrorKind } from './errors';
import { createKeyring } from './keyring';

const oldKey = randomBytes(32).toString('base64');
const newKey = randomBytes(32).toString('base64url');
const keyring = createKeyring(`k1:${oldKey}`);
const rotated = createKeyring(`k2:${newKey},k1:${oldKey}`);
const AAD = 'grant:42:refresh_token';
const SECRET = 'eyJraWQiOi-refresh-token-ünïcode-✓';

function decryptionError(run: () => unknown): DecryptionError {
  try {
    run();
  } catch (error) {
    if (error instanceof DecryptionError) return error;
    throw error;
  }
  throw new Error('expected a DecryptionError');
}

// Flips the lowest bit of the first decoded byte of one base64url part and re-encodes it.
function flipBitInPart(envelope: string, index: number): string {
  const parts = envelope.split('.');
  const bytes = Buffer.from(parts[index]!, 'base64url');
  bytes[0] = bytes[0]! ^ 1;
  parts[index] = bytes.toString('base64url');
  return parts.join('.');
}

describe('encryptSecret / decryptSecret', () => {
  it('round-trips, including empty and unicode plaintext', () => {
    for (const plaintext of [SECRET, '', 'x'.repeat(5000)]) {
      expect(decryptSecret(keyring, encryptSecret(keyring, plaintext, AAD), AAD)).toBe(plaintext);
    }
  });

  it('writes v1.<keyId>.<iv>.<tag>.<ciphertext> with a fresh 96-bit IV each time', () => {
    const first = encryptSecret(keyring, SECRET, AAD);
    const second = encryptSecret(keyring, SECRET, AAD);
    expect(first).toMatch(/^v1\.k1\.[A-Za-z0-9_-]{16}\.[A-Za-z0-9_-]{22}\.[A-Za-z0-9_-]+$/);
    expect(first.split('.')[2]).not.toBe(second.split('.')[2]);
    expect(first).not.toContain(SECRET);
  });

  const tamperCases: Array<[string, (envelope: string) => string, DecryptionErrorKind]> = [
    ['version', (e) => e.replace(/^v1/, 'v0'), 'malformed'],
    ['key id', (e) => e.replace('.k1.', '.k0.'), 'unknown_key'],
    ['IV', (e) => flipBitInPart(e, 2), 'tampered'],
    ['auth tag', (e) => flipBitInPart(e, 3), 'tampered'],
    ['ciphertext', (e) => flipBitInPart(e, 4), 'tampered'],
    // A 16-byte tag is 22 base64url chars; the last char carries 4 unused bits. Setting one of
    // them decodes to the same tag, so only the canonical-encoding check can catch it.
    [
      'unused bits of the tag encoding',
      (e) => {
        const parts = e.split('.');
        const tag = parts[3]!;
        parts[3] = tag.slice(0, -1) + String.fromCharCode(tag.charCodeAt(tag.length - 1) + 1);
        return parts.join('.');
      },
      'malformed',
    ],
  ];

  it.each(tamperCases)('detects a change to the %s', (_part, tamper, kind) => {
    const envelope = encryptSecret(keyring, SECRET, AAD);
    expect(decryptionError(() => decryptSecret(keyring, tamper(envelope), AAD)).kind).toBe(kind);
  });

  it('refuses to decrypt with different associated data', () => {
    const envelope = encryptSecret(keyring, SECRET, AAD);
    expect(decryptionError(() => decryptSecret(keyring, envelope, 'grant:43:refresh_token')).kind).toBe('tampered');
    expect(decryptionError(() => decryptSecret(keyring, envelope, 'grant:42:access_token')).kind).toBe('tampered');
  });

  it('refuses a different key that reuses the same key id', () => {
    const impostor = createKeyring(`k1:${newKey}`);
    const envelope = encryptSecret(keyring, SECRET, AAD);
    expect(decryptionError(() => decryptSecret(impostor, envelope, AAD)).kind).toBe('tampered');
  });

  it('supports rotation: old secrets still decrypt and are flagged for re-encryption', () => {
    const oldEnvelope = encryptSecret(keyring, SECRET, AAD);
    expect(decryptSecret(rotated, oldEnvelope, AAD)).toBe(SECRET);
    expect(needsReencryption(rotated, oldEnvelope)).toBe(true);

    const newEnvelope = encryptSecret(rotated, SECRET, AAD);
    expect(newEnvelope.startsWith('v1.k2.')).toBe(true);
    expect(needsReencryption(rotated, newEnvelope)).toBe(false);
    expect(needsReencryption(keyring, oldEnvelope)).toBe(false);
  });

  it('reports a key id missing from the keyring as unknown_key', () => {
    const envelope = encryptSecret(rotated, SECRET, AAD);
    const error = decryptionError(() => decryptSecret(keyring, envelope, AAD));
    expect(error.kind).toBe('unknown_key');
    expect(error.message).toContain('"k2"');
  });

  it.each([
    ['empty string', ''],
    ['plain token', 'not-an-envelope'],
    ['too few parts', 'v1.k1.AAAA.BBBB'],
    ['too many parts', 'v1.k1.a.b.c.d'],
    ['bad base64url', 'v1.k1.!!!!.BBBB.CCCC'],
    ['short IV', `v1.k1.${Buffer.alloc(8).toString('base64url')}.${Buffer.alloc(16).toString('base64url')}.AA`],
    ['short tag', `v1.k1.${Buffer.alloc(12).toString('base64url')}.${Buffer.alloc(4).toString('base64url')}.AA`],
    ['invalid key id', `v1.k/1.${Buffer.alloc(12).toString('base64url')}.${Buffer.alloc(16).toString('base64url')}.AA`],
  ])('rejects %s as malformed', (_label, input) => {
    expect(decryptionError(() => decryptSecret(keyring, input, AAD)).kind).toBe('malformed');
    expect(() => needsReencryption(keyring, input)).toThrow(DecryptionError);
  });

  it('never puts key material, plaintext or associated data in error messages', () => {
    const envelope = encryptSecret(keyring, SECRET, AAD);
    const errors = [
      decryptionError(() => decryptSecret(keyring, flipBitInPart(envelope, 4), AAD)),
      decryptionError(() => decryptSecret(keyring, envelope, 'other')),
      decryptionError(() => decryptSecret(createKeyring(newKey), envelope, AAD)),
      decryptionError(() => decryptSecret(keyring, `${SECRET}.${oldKey}`, AAD)),
    ];
    for (const error of errors) {
      const text = `${error.message} ${JSON.stringify(error)} ${error.stack ?? ''}`;
      for (const secret of [SECRET, oldKey, newKey, AAD, envelope.split('.')[4]!]) {
        expect(text).not.toContain(secret);
      }
    }
  });

  it('rejects 1,000 ciphertexts each changed in one character (never decrypts them to anything)', () => {
    const envelope = encryptSecret(rotated, SECRET, AAD);
    const alphabet = 'ABCDEFGHIJKLMNOPQRSTUVWXYZabcdefghijklmnopqrstuvwxyz0123456789-_.';
    let rejected = 0;
    fc.assert(
      fc.property(
        fc.nat({ max: envelope.length - 1 }),
        fc.constantFrom(...alphabet),
        (at, replacement) => {
          fc.pre(envelope[at] !== replacement);
          const tampered = envelope.slice(0, at) + replacement + envelope.slice(at + 1);
          expect(() => decryptSecret(rotated, tampered, AAD)).toThrow(DecryptionError);
          rejected += 1;
        },
      ),
      { numRuns: 1_000, seed: 20261202 },
    );
    expect(rejected).toBe(1_000);
  });
});
