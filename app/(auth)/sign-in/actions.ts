'use server';

import { AuthError } from 'next-auth';
import { signIn, SignInThrottled } from '@/lib/auth/auth';
import { safeCallbackPath } from '@/lib/auth/safe-redirect';
import { env } from '@/lib/config/env';

export interface SignInState {
  error?: string;
  email?: string;
}

/** Only same-origin paths: an open redirect after sign-in would be a phishing aid. */
function safeRedirect(value: FormDataEntryValue | null): string {
  return safeCallbackPath(value, env().PORTICO_BASE_URL);
}

function waitText(seconds: number): string {
  if (seconds < 60) return `${seconds} second${seconds === 1 ? '' : 's'}`;
  const minutes = Math.ceil(seconds / 60);
  return `${minutes} minute${minutes === 1 ? '' : 's'}`;
}

function field(formData: FormData, name: string): string {
  const value = formData.get(name);
  return typeof value === 'string' ? value : '';
}

export async function signInWithPassword(_previous: SignInState, formData: FormData): Promise<SignInState> {
  const email = field(formData, 'email').slice(0, 320);
  try {
    await signIn('credentials', {
      email,
      password: field(formData, 'password'),
      redirectTo: safeRedirect(formData.get('callbackUrl')),
    });
    return {};
  } catch (error) {
    // Success is a redirect thrown by Auth.js; only its own errors mean "wrong credentials".
    if (error instanceof SignInThrottled) {
      return { email, error: `Too many sign-in attempts. Wait ${waitText(error.retryAfterSecs)} and try again.` };
    }
    if (error instanceof AuthError) {
      return {
        email,
        error:
          error.type === 'CredentialsSignin'
            ? 'That email and password do not match an account. Check both and try again.'
            : 'Sign-in is unavailable right now. Try again in a minute.',
      };
    }
    throw error;
  }
}

export async function signInWithOidc(formData: FormData): Promise<void> {
  await signIn('oidc', { redirectTo: safeRedirect(formData.get('callbackUrl')) });
}
