import 'server-only';
import { env } from '@/lib/config/env';
import { createKeyring, type Keyring } from './keyring';

let keyring: Keyring | undefined;

/** The keyring built from PORTICO_ENCRYPTION_KEY, parsed once per process. */
export function appKeyring(): Keyring {
  keyring ??= createKeyring(env().PORTICO_ENCRYPTION_KEY);
  return keyring;
}
