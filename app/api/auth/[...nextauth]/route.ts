// Auth.js endpoints: session, CSRF, sign-out and the OIDC provider's callback.
import { handlers } from '@/lib/auth/auth';

export const { GET, POST } = handlers;
