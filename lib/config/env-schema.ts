import { z } from 'zod';
import { parseTrustedProxies, type TrustedProxies } from '../http/forwarded-headers';

/** Scopes Portico requests by default: what its features need (see lib/integrations/jira/scopes). */
export const DEFAULT_ATLASSIAN_SCOPES = 'read:jira-work read:jira-user manage:jira-configuration manage:jira-webhook offline_access';

const httpUrl = z
  .url({ protocol: /^https?$/, error: 'must be an absolute http(s) URL' })
  .transform((value) => value.replace(/\/+$/, ''));

const optionalText = z
  .string()
  .trim()
  .transform((value) => value || undefined)
  .optional();

/** pino's levels; `silent` turns logging off. */
export const logLevelSchema = z.enum(['fatal', 'error', 'warn', 'info', 'debug', 'trace', 'silent']).default('info');

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
    /** 1 lets outbound webhooks reach private, loopback and link-local addresses (local development, tests). */
    PORTICO_WEBHOOKS_ALLOW_PRIVATE: z.enum(['0', '1']).default('0'),
    /** smtp(s)://user:pass@host:port for notification email; unset, mail stays in Settings › Email outbox. */
    SMTP_URL: optionalText.pipe(z.string().regex(/^smtps?:\/\/[^/\s]+/, 'must be an smtp:// or smtps:// URL, such as smtp://user:pass@mail.example.com:587').optional()),
    MAIL_FROM: z.string().trim().min(3).default('Portico <portico@localhost>'),
    PORTICO_LOG_LEVEL: logLevelSchema,
    /** Bearer token for GET /api/metrics; unset, the endpoint answers 404 (metrics off). */
    PORTICO_METRICS_TOKEN: optionalText.pipe(
      z.string().min(24, 'must be at least 24 characters (generate one with `openssl rand -hex 24`)').optional(),
    ),
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
  throw configurationError(result.error.issues);
}

function configurationError(issues: readonly z.core.$ZodIssue[]): Error {
  const lines = issues.map((issue) => `  ${issue.path.join('.') || '(environment)'}: ${issue.message}`);
  return new Error(`Invalid Portico configuration:\n${lines.join('\n')}`);
}

/** A TCP port as text (`0` lets the system choose, where `min` allows it); `4010abc` or `3e3` are refused, not truncated. */
export const portSchema = (min: 0 | 1) =>
  z
    .string()
    .trim()
    .regex(/^\d{1,5}$/, `must be a whole number from ${min} to 65535`)
    .transform(Number)
    .refine((port) => port >= min && port <= 65_535, `must be a whole number from ${min} to 65535`);

/**
 * The launcher's own settings (scripts/portico.ts): the port of the first Next.js server (PORT or
 * --port), the sandbox's port, how many instances to start on consecutive ports, and how many job worker
 * processes to start beside them (0: none here, workers run elsewhere against the same database).
 */
export const launchSettingsSchema = z
  .object({
    PORT: portSchema(1).default(3000),
    SANDBOX_PORT: portSchema(0).default(4010),
    '--instances': z
      .string()
      .trim()
      .regex(/^\d{1,2}$/, 'must be a whole number from 1 to 16')
      .transform(Number)
      .refine((count) => count >= 1 && count <= 16, 'must be a whole number from 1 to 16')
      .default(1),
    '--workers': z
      .string()
      .trim()
      .regex(/^\d{1,2}$/, 'must be a whole number from 0 to 16')
      .transform(Number)
      .refine((count) => count <= 16, 'must be a whole number from 0 to 16')
      .default(1),
  })
  .superRefine((settings, ctx) => {
    if (settings.PORT + settings['--instances'] - 1 > 65_535) {
      ctx.addIssue({ code: 'custom', path: ['--instances'], message: 'puts the last instance above port 65535; lower PORT or the count' });
    }
  });

export type LaunchSettings = z.infer<typeof launchSettingsSchema>;

export function parseLaunchSettings(source: Record<string, string | undefined>): LaunchSettings {
  const result = launchSettingsSchema.safeParse(source);
  if (result.success) return result.data;
  throw configurationError(result.error.issues);
}
