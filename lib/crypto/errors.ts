// Errors carry a kind for callers to switch on. By construction their messages never contain key
// material, plaintext or associated data: only positions, key ids (public) and byte counts.

export type DecryptionErrorKind = 'unknown_key' | 'tampered' | 'malformed';

export class DecryptionError extends Error {
  override readonly name = 'DecryptionError';
  readonly kind: DecryptionErrorKind;

  constructor(kind: DecryptionErrorKind, message: string) {
    super(message);
    this.kind = kind;
  }
}

export type KeySpecErrorCode = 'empty_spec' | 'bad_encoding' | 'wrong_key_length' | 'bad_key_id' | 'duplicate_key_id';

export class KeySpecError extends Error {
  override readonly name = 'KeySpecError';
  readonly code: KeySpecErrorCode;

  constructor(code: KeySpecErrorCode, message: string) {
    super(message);
    this.code = code;
  }
}
