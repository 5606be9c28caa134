import 'server-only';
import type { Database } from '@/db/connect';
import { createLimiter } from '@/lib/rate-limit/limiter';

/*
 * Password guessing, per account and per client address, counted in PostgreSQL across instances. Every
 * attempt spends a point before the password is checked (atomically, so a parallel burst cannot slip past a
 * read-then-write check, and a flood cannot queue argon2 work). An account gets 5 attempts a minute, then a
 * 5-minute back-off; an address gets 20 a minute (an office behind one NAT), then 5 minutes. A correct
 * password clears the account's count and gives the address its point back: only failures add up, and one
 * known account cannot reset a password-spraying address.
 */
export const SIGN_IN_LIMITS = {
  account: { name: 'sign_in_account', points: 5, durationSecs: 60, blockSecs: 300 },
  address: { name: 'sign_in_address', points: 20, durationSecs: 60, blockSecs: 300 },
} as const;

export type SignInThrottle = ReturnType<typeof createSignInThrottle>;

export function createSignInThrottle(db: Database) {
  const account = createLimiter(db, SIGN_IN_LIMITS.account);
  const address = createLimiter(db, SIGN_IN_LIMITS.address);
  return {
    /** Spends an attempt for both keys; when either is spent, the seconds to wait. */
    async reserve(email: string, ip: string): Promise<{ allowed: true } | { allowed: false; retryAfterSecs: number }> {
      const verdicts = [await address.take(ip), await account.take(email.trim().toLowerCase())];
      const refused = verdicts.filter((verdict) => !verdict.allowed);
      if (refused.length === 0) return { allowed: true };
      return { allowed: false, retryAfterSecs: Math.max(...refused.map((verdict) => verdict.retryAfterSecs)) };
    },
    async succeeded(email: string, ip: string): Promise<void> {
      await Promise.all([account.reset(email.trim().toLowerCase()), address.refund(ip)]);
    },
  };
}
