import 'server-only';

import { createHash, createSecretKey, randomBytes, type KeyObject } from 'node:crypto';

import { KeySpecError } from './errors';

/**
 * Keys parsed from `PORTICO_ENCRYPTION_KEY`. The first key encrypts; every key decrypts, so a key
 * can be rotated by prepending a new one and re-encrypting rows at leisure.
 * Keys are held as KeyObjects: unlike Buffers they print as `SecretKeyObject { ... }` and
 * serialise to `{}`, so a stray console.log or JSON.stringify of a keyring cannot leak them.
 */
export type Keyring = {
  readonly activeKeyId: string;
  readonly keyIds: readonly string[];
  readonly keys: ReadonlyMap<string, KeyObject>;
};

const KEY_BYTES = 32;
// Key ids go into the `v1.<keyId>.…` ciphertext string, so they must not contain a dot.
const KEY_ID_PATTERN = /^[A-Za-z0-9_-]{1,32}$/;
// Buffer.from(…, 'base64') silently skips invalid characters, so check the alphabet first.
// Node's base64 decoder accepts both the standard and the url-safe alphabet.
const BASE64_PATTERN = /^[A-Za-z0-9+/_-]+={0,2}$/;

/** Parses `<base64 key>` or `kid1:<base64 key>,kid2:<base64 key>` (first = active). */
export function createKeyring(spec: string): Keyring {
  const trimmed = spec.trim();
  if (trimmed === '') {
    throw new KeySpecError('empty_spec', 'The encryption key spec is empty; set PORTICO_ENCRYPTION_KEY.');
  }

  // A base64 key never contains ':', so its presence tells the list form apart.
  const entries = trimmed.includes(':')
    ? trimmed.split(',').map((part, index) => parseListEntry(part.trim(), index))
    : [singleKeyEntry(trimmed)];

  const keys = new Map<string, KeyObject>();
  for (const { keyId, key } of entries) {
    if (keys.has(keyId)) {
      throw new KeySpecError('duplicate_key_id', `The encryption key id "${keyId}" appears more than once.`);
    }
    keys.set(keyId, createSecretKey(key));
    key.fill(0);
  }
  const keyIds = [...keys.keys()];
  return { activeKeyId: keyIds[0]!, keyIds, keys };
}

/** A fresh random key in list form (`<derived id>:<base64url key>`), ready to be prepended on rotation. */
export function generateKeySpec(): string {
  const key = randomBytes(KEY_BYTES);
  return `${deriveKeyId(key)}:${key.toString('base64url')}`;
}

function singleKeyEntry(encoded: string): { keyId: string; key: Buffer } {
  const key = decodeKey(encoded, 'The encryption key');
  return { keyId: deriveKeyId(key), key };
}

function parseListEntry(entry: string, index: number): { keyId: string; key: Buffer } {
  const position = `Entry ${index + 1} of the encryption key list`;
  const separator = entry.indexOf(':');
  if (separator === -1) {
    throw new KeySpecError('bad_key_id', `${position} has no key id; write it as <keyId>:<base64 key>.`);
  }
  const keyId = entry.slice(0, separator);
  if (!KEY_ID_PATTERN.test(keyId)) {
    throw new KeySpecError(
      'bad_key_id',
      `${position} has an invalid key id; use 1-32 characters from A-Z, a-z, 0-9, "_" and "-".`,
    );
  }
  return { keyId, key: decodeKey(entry.slice(separator + 1), `${position} (key id "${keyId}")`) };
}

function decodeKey(encoded: string, label: string): Buffer {
  if (!BASE64_PATTERN.test(encoded)) {
    throw new KeySpecError('bad_encoding', `${label} is not valid base64 or base64url.`);
  }
  const key = Buffer.from(encoded, 'base64');
  if (key.length !== KEY_BYTES) {
    const length = key.length;
    key.fill(0);
    throw new KeySpecError(
      'wrong_key_length',
      `${label} decodes to ${length} bytes; AES-256 needs exactly ${KEY_BYTES} (generate one with ` +
        '`openssl rand -base64 32`).',
    );
  }
  return key;
}

function deriveKeyId(key: Buffer): string {
  return createHash('sha256').update(key).digest('hex').slice(0, 8);
}
