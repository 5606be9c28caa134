import type { Metadata } from 'next';
import { redirect } from 'next/navigation';
import { Button } from '@/components/ui/button';
import { PorticoMark } from '@/components/brand/portico-mark';
import { getCurrentMember } from '@/lib/auth/guards';
import { DEFAULT_AFTER_SIGN_IN, safeCallbackPath } from '@/lib/auth/safe-redirect';
import { env } from '@/lib/config/env';
import { signInWithOidc } from './actions';
import { SignInForm } from './sign-in-form';

export const metadata: Metadata = { title: 'Sign in' };

const OIDC_ERRORS: Record<string, string> = {
  AccessDenied: 'Your single sign-on account is not a member of any Portico organization. Ask an admin to invite you.',
  Configuration: 'Sign-in is misconfigured. Ask your administrator to check the single sign-on settings.',
};

export default async function SignInPage({ searchParams }: PageProps<'/sign-in'>) {
  if (await getCurrentMember()) redirect(DEFAULT_AFTER_SIGN_IN);
  const params = await searchParams;
  const callbackUrl = safeCallbackPath(params.callbackUrl, env().PORTICO_BASE_URL);
  const error =
    params.code === 'rate_limited'
      ? 'Too many sign-in attempts. Wait a few minutes and try again.'
      : typeof params.error === 'string'
        ? (OIDC_ERRORS[params.error] ?? 'Sign-in failed. Try again.')
        : undefined;
  const { AUTH_OIDC_ISSUER, AUTH_OIDC_NAME } = env();

  return (
    <main className="flex min-h-dvh items-center justify-center bg-zinc-50 px-4 dark:bg-zinc-950">
      <div className="w-full max-w-sm">
        <div className="mb-8 flex flex-col items-center gap-3 text-center">
          <PorticoMark className="size-10" />
          <h1 className="text-xl font-semibold tracking-tight text-zinc-900 dark:text-zinc-50">Sign in to Portico</h1>
          <p className="text-sm text-zinc-600 dark:text-zinc-400">Manage your organization’s integrations.</p>
        </div>
        <div className="rounded-xl border border-zinc-200 bg-white p-6 shadow-sm dark:border-zinc-800 dark:bg-zinc-900">
          {error ? (
            <p role="alert" className="mb-4 rounded-md bg-red-50 px-3 py-2 text-sm text-red-800 dark:bg-red-950/60 dark:text-red-200">
              {error}
            </p>
          ) : null}
          <SignInForm callbackUrl={callbackUrl} />
          {AUTH_OIDC_ISSUER ? (
            <form action={signInWithOidc} className="mt-4 border-t border-zinc-200 pt-4 dark:border-zinc-800">
              <input type="hidden" name="callbackUrl" value={callbackUrl} />
              <Button type="submit" variant="secondary" className="w-full">
                Continue with {AUTH_OIDC_NAME}
              </Button>
            </form>
          ) : null}
        </div>
      </div>
    </main>
  );
}
