import 'server-only';
import { z } from 'zod';
import { getDb } from '@/db/client';
import { getUserCredentials } from '@/db/queries/members';
import { clientIp } from '@/lib/http/client-ip';
import { verifyPassword } from './password';
import { createSignInThrottle, type SignInThrottle } from './sign-in-throttle';

const credentialsSchema = z.object({
  email: z.email().max(320),
  password: z.string().min(1).max(1024),
});

export type CredentialsOutcome =
  | { ok: true; user: { id: string; email: string; name: string } }
  | { ok: false; reason: 'invalid_credentials' }
  | { ok: false; reason: 'rate_limited'; retryAfterSecs: number };

let throttle: SignInThrottle | undefined;

/**
 * Checks an email and password for Auth.js's Credentials provider, behind the sign-in throttle. Reached by
 * the sign-in action and by Auth.js's own POST /api/auth/callback/credentials alike.
 */
export async function checkCredentials(raw: unknown, request: Request, limits?: SignInThrottle): Promise<CredentialsOutcome> {
  const parsed = credentialsSchema.safeParse(raw);
  if (!parsed.success) return { ok: false, reason: 'invalid_credentials' };
  const { email, password } = parsed.data;
  const guard = limits ?? (throttle ??= createSignInThrottle(getDb()));
  const ip = clientIp(request.headers);
  const reserved = await guard.reserve(email, ip);
  if (!reserved.allowed) return { ok: false, reason: 'rate_limited', retryAfterSecs: reserved.retryAfterSecs };
  const user = await getUserCredentials(email);
  const valid = await verifyPassword(user?.passwordHash, password);
  if (!user || !valid) return { ok: false, reason: 'invalid_credentials' };
  await guard.succeeded(email, ip);
  return { ok: true, user: { id: user.id, email: user.email, name: user.name } };
}
