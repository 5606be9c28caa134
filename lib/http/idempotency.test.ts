import { describe, expect, it } from 'vitest';
import { canonicalJson, judgeStoredResponse, readIdempotencyKey } from './idempotency';

const withKey = (key?: string) =>
  new Request('http://portico.test/save', { method: 'PUT', headers: key === undefined ? {} : { 'Idempotency-Key': key } });

describe('idempotency keys', () => {
  it.each([
    ['a UUID', crypto.randomUUID(), true],
    ['255 printable characters', '!'.repeat(255), true],
    ['256 characters', 'a'.repeat(256), false],
    ['a space', 'two words', false],
    ['an empty value', '', false],
    ['a non-ASCII character', 'clé', false],
  ] as const)('%s is %s', (_label, key, accepted) => {
    expect(readIdempotencyKey(withKey(key), 'scope', {}).ok).toBe(accepted);
  });

  it('is optional', () => {
    expect(readIdempotencyKey(withKey(), 'scope', {})).toEqual({ ok: true });
  });

  it('binds the key to its scope and body: key order does not matter, anything else does', () => {
    const read = (scope: string, body: unknown) => {
      const result = readIdempotencyKey(withKey('k'), scope, body);
      if (!result.ok || !result.request) throw new Error('expected a key');
      return result.request;
    };
    const first = read('save:1', { expectedVersion: 1, config: { a: 1, b: [1, 2] } });
    const stored = { scope: first.scope, fingerprint: first.fingerprint, statusCode: 200, response: {} };
    expect(judgeStoredResponse(stored, read('save:1', { config: { b: [1, 2], a: 1 }, expectedVersion: 1 }))).toBe('replay');
    expect(judgeStoredResponse(stored, read('save:1', { expectedVersion: 2, config: { a: 1, b: [1, 2] } }))).toBe('key_reused');
    expect(judgeStoredResponse(stored, read('save:1', { expectedVersion: 1, config: { a: 1, b: [2, 1] } }))).toBe('key_reused');
    expect(judgeStoredResponse(stored, read('rollback:1', { expectedVersion: 1, config: { a: 1, b: [1, 2] } }))).toBe(
      'key_reused',
    );
  });

  it('writes canonical JSON with sorted keys', () => {
    expect(canonicalJson({ b: 1, a: { d: null, c: 'x' }, e: [true] })).toBe('{"a":{"c":"x","d":null},"b":1,"e":[true]}');
  });
});
