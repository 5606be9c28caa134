import type { SandboxApp } from '../types';
import { DEFAULT_APP_SCOPES } from './scope-catalog';

/** The app every scenario starts with; env vars let a developer point it at their own Portico. */
export function defaultApp(env: Record<string, string | undefined> = process.env): SandboxApp {
  return {
    clientId: env.SANDBOX_CLIENT_ID ?? 'portico-sandbox',
    clientSecret: env.SANDBOX_CLIENT_SECRET ?? 'portico-sandbox-secret',
    name: 'Portico (sandbox)',
    callbackUrl: env.SANDBOX_CALLBACK_URL ?? 'http://localhost:3000/api/integrations/jira/callback',
    scopes: [...DEFAULT_APP_SCOPES],
  };
}
