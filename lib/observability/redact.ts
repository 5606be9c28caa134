/**
 * Log fields that may hold a secret, censored by path before a line is written (pino `redact`).
 * Messages and error texts are built without secrets by convention; this is the net under that rule,
 * for a headers object or a token set passed to a log call by mistake. pino's `*` matches one level,
 * so each name is listed at the top level and one and two levels down.
 */
const SECRET_FIELDS = [
  'authorization',
  'cookie',
  '"set-cookie"',
  'accessToken',
  'access_token',
  'refreshToken',
  'refresh_token',
  'idToken',
  'id_token',
  'token',
  'clientSecret',
  'client_secret',
  'apiKey',
  'api_key',
  'password',
  'secret',
  'code_verifier',
  'codeVerifier',
  'AUTH_SECRET',
  'PORTICO_ENCRYPTION_KEY',
  'PORTICO_METRICS_TOKEN',
  'ATLASSIAN_CLIENT_SECRET',
  'AUTH_OIDC_CLIENT_SECRET',
  'DATABASE_URL',
];

export const REDACT_PATHS = SECRET_FIELDS.flatMap((field) => [field, `*.${field}`, `*.*.${field}`]);

export const REDACTED = '[redacted]';
