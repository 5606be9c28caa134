import 'server-only';
import { appKeyring } from '@/lib/crypto/app-keyring';
import { decryptSecret, encryptSecret } from '@/lib/crypto';

// Signing secrets must be read back to sign, so they are sealed (not hashed), bound to their endpoint and role.
export const signingSecretAad = (endpointId: string, role: 'current' | 'previous') => `webhook_endpoint:${endpointId}:${role}_secret`;

export const sealSigningSecret = (endpointId: string, secret: string, role: 'current' | 'previous' = 'current') =>
  encryptSecret(appKeyring(), secret, signingSecretAad(endpointId, role));

export const openSigningSecret = (endpointId: string, ciphertext: string, role: 'current' | 'previous' = 'current') =>
  decryptSecret(appKeyring(), ciphertext, signingSecretAad(endpointId, role));

/** The secrets that sign now: the current one, and the previous one while its overlap lasts. */
export function signingSecrets(
  endpointId: string,
  row: { secretCiphertext: string; previousSecretCiphertext: string | null; previousSecretExpiresAt: Date | null },
  now: Date,
): string[] {
  const secrets = [openSigningSecret(endpointId, row.secretCiphertext)];
  if (row.previousSecretCiphertext && row.previousSecretExpiresAt && row.previousSecretExpiresAt > now) {
    secrets.push(openSigningSecret(endpointId, row.previousSecretCiphertext, 'previous'));
  }
  return secrets;
}
