import 'server-only';

import { createCipheriv, createDecipheriv, randomBytes } from 'node:crypto';

import { DecryptionError } from './errors';
import type { Keyring } from './keyring';

// Format: v1.<keyId>.<iv>.<tag>.<ciphertext>, binary parts in unpadded base64url.
const VERSION = 'v1';
const ALGORITHM = 'aes-256-gcm';
// 96-bit IVs are GCM's native size (NIST SP 800-38D §8.2); random IVs are safe well below 2^32
// encryptions per key, far beyond what a token table will ever see before rotation.
const IV_BYTES = 12;
const TAG_BYTES = 16;
const BASE64URL_PATTERN = /^[A-Za-z0-9_-]*$/;
const KEY_ID_PATTERN = /^[A-Za-z0-9_-]{1,32}$/;

type Envelope = { keyId: string; iv: Buffer; tag: Buffer; ciphertext: Buffer };

/**
 * Encrypts with the active key. `aad` binds the ciphertext to where it is stored
 * (e.g. `grant:<id>:refresh_token`), so a value copied to another row or column will not decrypt.
 */
export function encryptSecret(keyring: Keyring, plaintext: string, aad: string): string {
  const keyId = keyring.activeKeyId;
  const iv = randomBytes(IV_BYTES);
  const cipher = createCipheriv(ALGORITHM, keyring.keys.get(keyId)!, iv, { authTagLength: TAG_BYTES });
  cipher.setAAD(authenticatedData(keyId, aad));
  const ciphertext = Buffer.concat([cipher.update(plaintext, 'utf8'), cipher.final()]);
  const tag = cipher.getAuthTag();
  return [VERSION, keyId, iv, tag, ciphertext]
    .map((part) => (typeof part === 'string' ? part : part.toString('base64url')))
    .join('.');
}

export function decryptSecret(keyring: Keyring, ciphertext: string, aad: string): string {
  const envelope = parseEnvelope(ciphertext);
  const key = keyring.keys.get(envelope.keyId);
  if (!key) {
    throw new DecryptionError(
      'unknown_key',
      `The secret was encrypted with key id "${envelope.keyId}", which is not in PORTICO_ENCRYPTION_KEY; ` +
        'add that key back to the list to read it.',
    );
  }
  // authTagLength pins the tag size: without it Node accepts truncated tags, weakening integrity.
  const decipher = createDecipheriv(ALGORITHM, key, envelope.iv, { authTagLength: TAG_BYTES });
  decipher.setAAD(authenticatedData(envelope.keyId, aad));
  decipher.setAuthTag(envelope.tag);
  try {
    return Buffer.concat([decipher.update(envelope.ciphertext), decipher.final()]).toString('utf8');
  } catch {
    // GCM cannot say which input was wrong: a modified ciphertext, a different key under the same
    // id, and different associated data all fail the same tag check.
    throw new DecryptionError(
      'tampered',
      'The secret failed its integrity check: it was modified, or it belongs to a different record or column.',
    );
  }
}

/** True when the secret was encrypted with a key other than the active one and should be rewritten. */
export function needsReencryption(keyring: Keyring, ciphertext: string): boolean {
  return parseEnvelope(ciphertext).keyId !== keyring.activeKeyId;
}

// The header is authenticated too, so the version and key id cannot be swapped unnoticed.
// Key ids contain no '.', so the concatenation is unambiguous.
function authenticatedData(keyId: string, aad: string): Buffer {
  return Buffer.from(`${VERSION}.${keyId}.${aad}`, 'utf8');
}

function parseEnvelope(value: string): Envelope {
  const parts = value.split('.');
  if (parts.length !== 5 || parts[0] !== VERSION) {
    throw malformed('it is not a v1 envelope (expected 5 dot-separated parts starting with "v1")');
  }
  const [, keyId, iv, tag, ciphertext] = parts as [string, string, string, string, string];
  if (!KEY_ID_PATTERN.test(keyId)) throw malformed('the key id is not a valid key id');
  return {
    keyId,
    iv: decodePart(iv, 'IV', IV_BYTES),
    tag: decodePart(tag, 'auth tag', TAG_BYTES),
    ciphertext: decodePart(ciphertext, 'ciphertext'),
  };
}

function decodePart(encoded: string, label: string, expectedBytes?: number): Buffer {
  const bytes = BASE64URL_PATTERN.test(encoded) ? Buffer.from(encoded, 'base64url') : undefined;
  // Re-encoding catches non-canonical input (e.g. flipped padding bits) that would decode to the
  // same bytes: any change to the stored string must be rejected, not silently tolerated.
  if (!bytes || bytes.toString('base64url') !== encoded) throw malformed(`the ${label} is not canonical base64url`);
  if (expectedBytes !== undefined && bytes.length !== expectedBytes) {
    throw malformed(`the ${label} is ${bytes.length} bytes instead of ${expectedBytes}`);
  }
  return bytes;
}

function malformed(reason: string): DecryptionError {
  return new DecryptionError('malformed', `The stored secret is malformed: ${reason}.`);
}
