import 'server-only';
import { createHash, randomBytes } from 'node:crypto';

/*
 * Opaque bearer tokens (API keys, authorize links, OAuth state and browser binding): random bytes handed out
 * once, only their SHA-256 stored. With 256 bits of entropy there is nothing to brute-force, so a plain hash
 * (not a slow password hash) is right, and a database reader cannot use what it reads.
 */

/** `bytes` random bytes as base64url: the default 32 (256 bits) gives 43 characters. */
export function generateOpaqueToken(bytes = 32): string {
  return randomBytes(bytes).toString('base64url');
}

/** The stored form of a token: SHA-256, lowercase hex (64 characters). */
export function sha256Hex(value: string): string {
  return createHash('sha256').update(value).digest('hex');
}
