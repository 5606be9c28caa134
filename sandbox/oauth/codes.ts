// Authorization codes: single use and short-lived, bound to client, redirect URI, consent and PKCE challenge.
import { randomBytes } from 'node:crypto';

export const CODE_LIFETIME_MS = 10 * 60_000; // RFC 6749 §4.1.2 recommends at most 10 minutes.

export interface AuthCode {
  code: string;
  clientId: string;
  accountId: string;
  redirectUri: string;
  scopes: string[];
  cloudId: string;
  codeChallenge: string | null;
  expiresAt: number;
  usedAt: number | null;
}

export type CodeRedemption = { ok: true; code: AuthCode } | { ok: false; reason: 'unknown' | 'used' | 'expired' | 'wrong_client' };

export class CodeStore {
  private codes = new Map<string, AuthCode>();

  issue(fields: Omit<AuthCode, 'code' | 'expiresAt' | 'usedAt'>, now: number): AuthCode {
    const code: AuthCode = { ...fields, code: randomBytes(24).toString('base64url'), expiresAt: now + CODE_LIFETIME_MS, usedAt: null };
    this.codes.set(code.code, code);
    return code;
  }

  redeem(value: string, clientId: string, now: number): CodeRedemption {
    const code = this.codes.get(value);
    if (!code) return { ok: false, reason: 'unknown' };
    if (code.clientId !== clientId) return { ok: false, reason: 'wrong_client' };
    if (code.usedAt !== null) return { ok: false, reason: 'used' };
    code.usedAt = now;
    if (now > code.expiresAt) return { ok: false, reason: 'expired' };
    return { ok: true, code };
  }

  list(): AuthCode[] {
    return [...this.codes.values()];
  }
}
