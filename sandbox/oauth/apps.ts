import { GRANT_TYPES, type GrantType, type SandboxApp } from '../types';
import { DEFAULT_APP_SCOPES } from './scope-catalog';

/** The app every scenario starts with; env vars let a developer point it at their own Portico. */
export function defaultApp(env: Record<string, string | undefined> = process.env): SandboxApp {
  return {
    clientId: env.SANDBOX_CLIENT_ID ?? 'portico-sandbox',
    clientSecret: env.SANDBOX_CLIENT_SECRET ?? 'portico-sandbox-secret',
    name: 'Portico (sandbox)',
    callbackUrl: env.SANDBOX_CALLBACK_URL ?? 'http://localhost:3000/api/integrations/jira/callback',
    scopes: [...DEFAULT_APP_SCOPES],
    grantType: grantTypeFromEnv(env.SANDBOX_GRANT_TYPE),
  };
}

/** SANDBOX_GRANT_TYPE: `account` (default) or `resource`; anything else stops the sandbox with the variable named. */
export function grantTypeFromEnv(value: string | undefined): GrantType {
  if (value === undefined || value === '') return 'account';
  if ((GRANT_TYPES as readonly string[]).includes(value)) return value as GrantType;
  throw new Error(`SANDBOX_GRANT_TYPE must be one of ${GRANT_TYPES.join(', ')}, not "${value}".`);
}
