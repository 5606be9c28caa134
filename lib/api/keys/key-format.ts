import { generateOpaqueToken, sha256Hex } from '@/lib/crypto/opaque-token';

/*
 * Organization API keys: `ptk_` + 32 random bytes in base64url (256 bits). Only a SHA-256 of the whole key is
 * stored: with 256 bits of entropy there is nothing to brute-force, so a slow password hash would only add
 * latency to every API request. The first characters are kept in clear so an admin can recognise a key.
 */
export const API_KEY_PREFIX = 'ptk_';
export const VISIBLE_PREFIX_LENGTH = 12;
const KEY_PATTERN = /^ptk_[A-Za-z0-9_-]{43}$/;

export function hashApiKey(secret: string): string {
  return sha256Hex(secret);
}

export function generateApiKey(): { secret: string; prefix: string; secretHash: string } {
  const secret = `${API_KEY_PREFIX}${generateOpaqueToken()}`;
  return { secret, prefix: secret.slice(0, VISIBLE_PREFIX_LENGTH), secretHash: hashApiKey(secret) };
}

export function looksLikeApiKey(value: string): boolean {
  return KEY_PATTERN.test(value);
}

/** The key from `Authorization: Bearer <key>`, or undefined when absent or malformed. */
export function bearerKey(header: string | null): string | undefined {
  const match = /^Bearer\s+(\S+)\s*$/i.exec(header ?? '');
  const key = match?.[1];
  return key && looksLikeApiKey(key) ? key : undefined;
}
