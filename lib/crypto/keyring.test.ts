import { randomBytes } from 'node:crypto';
import { inspect } from 'node:util';
import { describe, expect, it } from 'vitest';

import { KeySpecError } from './errors';
import { createKeyring, generateKeySpec } from './keyring';

const keyA = randomBytes(32);
const keyB = randomBytes(32);

function specError(spec: string): KeySpecError {
  try {
    createKeyring(spec);
  } catch (error) {
    if (error instanceof KeySpecError) return error;
    throw error;
  }
  throw new Error('expected createKeyring to throw');
}

describe('createKeyring', () => {
  it('derives a stable 8-hex key id for a single key, in base64 or base64url', () => {
    const fromBase64 = createKeyring(keyA.toString('base64'));
    const fromBase64Url = createKeyring(`  ${keyA.toString('base64url')}\n`);
    expect(fromBase64.activeKeyId).toMatch(/^[0-9a-f]{8}$/);
    expect(fromBase64Url.activeKeyId).toBe(fromBase64.activeKeyId);
    expect(fromBase64.keyIds).toEqual([fromBase64.activeKeyId]);
  });

  it('makes the first entry of a list active and keeps the rest for decryption', () => {
    const keyring = createKeyring(`new:${keyB.toString('base64url')}, old:${keyA.toString('base64')}`);
    expect(keyring.activeKeyId).toBe('new');
    expect(keyring.keyIds).toEqual(['new', 'old']);
  });

  it('generates a spec that parses, with a fresh key each time', () => {
    const spec = generateKeySpec();
    expect(spec).toMatch(/^[0-9a-f]{8}:[A-Za-z0-9_-]{43}$/);
    expect(createKeyring(spec).activeKeyId).toBe(spec.split(':')[0]);
    expect(generateKeySpec()).not.toBe(spec);
  });

  it('does not expose key material when a keyring is logged or serialised', () => {
    const keyring = createKeyring(keyA.toString('base64'));
    const printed = JSON.stringify(keyring) + inspect(keyring, { depth: 5, showHidden: true });
    expect(printed).not.toContain(keyA.toString('base64'));
    expect(printed).not.toContain(keyA.toString('hex'));
  });

  const invalidSpecs: Array<[string, string, KeySpecError['code']]> = [
    ['empty', '   ', 'empty_spec'],
    ['16-byte key', randomBytes(16).toString('base64'), 'wrong_key_length'],
    ['64 hex chars (48 bytes as base64)', randomBytes(32).toString('hex'), 'wrong_key_length'],
    ['characters outside base64', `${keyA.toString('base64').slice(0, 40)}!@#$`, 'bad_encoding'],
    ['list entry without id', `a:${keyA.toString('base64')},${keyB.toString('base64')}`, 'bad_key_id'],
    ['key id with a dot', `v.1:${keyA.toString('base64')}`, 'bad_key_id'],
    ['duplicate key id', `a:${keyA.toString('base64')},a:${keyB.toString('base64')}`, 'duplicate_key_id'],
    [
      'short key in a list',
      `a:${keyA.toString('base64')},b:${keyB.subarray(0, 31).toString('base64')}`,
      'wrong_key_length',
    ],
  ];

  it.each(invalidSpecs)('rejects %s with a clear code and no key material', (_label, spec, code) => {
    const error = specError(spec);
    expect(error.code).toBe(code);
    for (const secret of [keyA, keyB]) {
      expect(error.message).not.toContain(secret.toString('base64'));
      expect(error.message).not.toContain(secret.toString('base64url'));
      expect(error.message).not.toContain(secret.toString('base64').slice(0, 12));
    }
    for (const fragment of spec.split(/[,:]/).filter((part) => part.length > 8)) {
      expect(error.message).not.toContain(fragment.trim());
    }
  });
});
