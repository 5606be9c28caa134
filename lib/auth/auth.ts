import 'server-only';
import NextAuth, { CredentialsSignin } from 'next-auth';
import type { Provider } from 'next-auth/providers';
import Credentials from 'next-auth/providers/credentials';
import { getUserCredentials } from '@/db/queries/members';
import { env } from '@/lib/config/env';
import { checkCredentials } from './credentials';
import { sameOriginRedirect } from './safe-redirect';
import { endSessionsOnSignOut, jwtCallback, sessionCallback } from './session-callbacks';
import { log } from '@/lib/observability/request-context';

/** One message for every failure, so sign-in never reveals whether an email has an account. */
class InvalidCredentials extends CredentialsSignin {
  code = 'invalid_credentials';
}

/** Too many attempts for this account or address; the sign-in page says how long to wait. */
export class SignInThrottled extends CredentialsSignin {
  code = 'rate_limited';
  constructor(readonly retryAfterSecs: number) {
    super();
  }
}

function oidcProvider(): Provider[] {
  const { AUTH_OIDC_ISSUER, AUTH_OIDC_CLIENT_ID, AUTH_OIDC_CLIENT_SECRET, AUTH_OIDC_NAME } = env();
  if (!AUTH_OIDC_ISSUER || !AUTH_OIDC_CLIENT_ID || !AUTH_OIDC_CLIENT_SECRET) return [];
  return [
    {
      id: 'oidc',
      name: AUTH_OIDC_NAME,
      type: 'oidc',
      issuer: AUTH_OIDC_ISSUER,
      clientId: AUTH_OIDC_CLIENT_ID,
      clientSecret: AUTH_OIDC_CLIENT_SECRET,
    },
  ];
}

export const { handlers, auth, signIn, signOut } = NextAuth(() => ({
  secret: env().AUTH_SECRET,
  trustHost: true,
  session: { strategy: 'jwt', maxAge: 12 * 60 * 60 },
  pages: { signIn: '/sign-in', error: '/sign-in' },
  logger: {
    // Auth.js logs CredentialsSignin as an error with the request body's context; a wrong
    // password is not an error, and nothing from a sign-in attempt belongs in the logs.
    error: (error) => {
      // Match Auth.js's `type`: production builds minify class names, so `name` reads like "v".
      const type = 'type' in error && typeof error.type === 'string' ? error.type : error.name;
      if (type !== 'CredentialsSignin') log().error({ authErrorType: type }, 'auth.js error');
    },
    warn: () => {},
  },
  providers: [
    Credentials({
      credentials: { email: { label: 'Email', type: 'email' }, password: { label: 'Password', type: 'password' } },
      async authorize(raw, request) {
        const outcome = await checkCredentials(raw, request);
        if (outcome.ok) return outcome.user;
        throw outcome.reason === 'rate_limited' ? new SignInThrottled(outcome.retryAfterSecs) : new InvalidCredentials();
      },
    }),
    ...oidcProvider(),
  ],
  events: { signOut: endSessionsOnSignOut },
  callbacks: {
    redirect: sameOriginRedirect,
    async signIn({ account, profile }) {
      if (account?.provider !== 'oidc') return true;
      // OIDC users must already exist in Portico (invited by email); nobody self-enrols.
      const email = typeof profile?.email === 'string' ? profile.email : undefined;
      return Boolean(email && profile?.email_verified !== false && (await getUserCredentials(email)));
    },
    jwt: jwtCallback,
    session: sessionCallback,
  },
}));
