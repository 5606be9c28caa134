import { z } from 'zod';
import { parseTrustedProxies, type TrustedProxies } from '../http/forwarded-headers';

/** Scopes Portico requests by default: what its features need (see lib/integrations/jira/scopes). */
export const DEFAULT_ATLASSIAN_SCOPES = 'read:jira-work read:jira-user manage:jira-configuration offline_access';

const httpUrl = z
  .url({ protocol: /^https?$/, error: 'must be an absolute http(s) URL' })
  .transform((value) => value.replace(/\/+$/, ''));

const optionalText = z
  .string()
  .trim()
  .transform((value) => value || undefined)
  .optional();

/**
 * Every environment variable Portico reads, parsed once. The launcher and Next's
 * instrumentation hook both parse with this schema, so a bad value stops start-up early.
 */
export const envSchema = z
  .object({
    DATABASE_URL: z.string().regex(/^postgres(ql)?:\/\//, 'must be a postgres:// connection URL'),
    AUTH_SECRET: z.string().min(32, 'must be at least 32 characters (generate one with `openssl rand -base64 33`)'),
    PORTICO_BASE_URL: httpUrl.default('http://localhost:3000'),
    PORTICO_ENCRYPTION_KEY: z.string().min(1, 'is required: a base64 32-byte key, or kid:key pairs separated by commas'),
    ATLASSIAN_CLIENT_ID: optionalText,
    ATLASSIAN_CLIENT_SECRET: optionalText,
    ATLASSIAN_AUTH_URL: httpUrl.default('https://auth.atlassian.com'),
    ATLASSIAN_API_URL: httpUrl.default('https://api.atlassian.com'),
    ATLASSIAN_SCOPES: z
      .string()
      .default(DEFAULT_ATLASSIAN_SCOPES)
      .transform((value) => value.split(/\s+/).filter(Boolean))
      .refine((scopes) => scopes.includes('offline_access'), 'must include offline_access, or connections die after an hour'),
    AUTH_OIDC_ISSUER: httpUrl.optional(),
    AUTH_OIDC_CLIENT_ID: optionalText,
    AUTH_OIDC_CLIENT_SECRET: optionalText,
    AUTH_OIDC_NAME: z.string().default('Single sign-on'),
    PORTICO_SEED_DEMO: z.enum(['0', '1']).default('0'),
    /** Requests per minute per API key on /api/v1, across all instances (see lib/api/v1/rate-limit.ts). */
    PORTICO_API_RATE_LIMIT_PER_MINUTE: z.coerce.number().int().min(1).max(1_000_000).default(120),
    /** The address Portico listens on; loopback unless a proxy or container needs more (e.g. 0.0.0.0). */
    PORTICO_HOST: z
      .string()
      .trim()
      .regex(/^[A-Za-z0-9.:-]+$/, 'must be an IP address or host name, such as 127.0.0.1 or 0.0.0.0')
      .default('127.0.0.1'),
    /** Proxies whose X-Forwarded-Host/-Proto/-For are believed (comma-separated addresses or CIDR ranges). */
    PORTICO_TRUSTED_PROXIES: z
      .string()
      .default('')
      .transform((value, ctx): TrustedProxies => {
        try {
          return parseTrustedProxies(value);
        } catch (error) {
          ctx.addIssue({ code: 'custom', message: `${error instanceof Error ? error.message : 'is invalid'} (use addresses or CIDR ranges separated by commas)` });
          return z.NEVER;
        }
      }),
  })
  .superRefine((env, ctx) => {
    if (Boolean(env.ATLASSIAN_CLIENT_ID) !== Boolean(env.ATLASSIAN_CLIENT_SECRET)) {
      ctx.addIssue({
        code: 'custom',
        path: [env.ATLASSIAN_CLIENT_ID ? 'ATLASSIAN_CLIENT_SECRET' : 'ATLASSIAN_CLIENT_ID'],
        message: 'ATLASSIAN_CLIENT_ID and ATLASSIAN_CLIENT_SECRET must be set together',
      });
    }
    const oidc = [env.AUTH_OIDC_ISSUER, env.AUTH_OIDC_CLIENT_ID, env.AUTH_OIDC_CLIENT_SECRET];
    if (oidc.some(Boolean) && !oidc.every(Boolean)) {
      ctx.addIssue({
        code: 'custom',
        path: ['AUTH_OIDC_ISSUER'],
        message: 'AUTH_OIDC_ISSUER, AUTH_OIDC_CLIENT_ID and AUTH_OIDC_CLIENT_SECRET must be set together',
      });
    }
  });

export type ServerEnv = z.infer<typeof envSchema>;

/** Parses the environment; the error names every bad variable and never echoes a value. */
export function parseEnv(source: Record<string, string | undefined>): ServerEnv {
  const result = envSchema.safeParse(source);
  if (result.success) return result.data;
  const lines = result.error.issues.map((issue) => `  ${issue.path.join('.') || '(environment)'}: ${issue.message}`);
  throw new Error(`Invalid Portico configuration:\n${lines.join('\n')}`);
}
