import 'server-only';

export { createKeyring, generateKeySpec, type Keyring } from './keyring';
export { decryptSecret, encryptSecret, needsReencryption } from './envelope';
export { DecryptionError, KeySpecError, type DecryptionErrorKind, type KeySpecErrorCode } from './errors';
