import { describe, expect, it } from 'vitest';
import { parseEnv } from './env-schema';

const valid = {
  DATABASE_URL: 'postgres://u:p@127.0.0.1:5432/portico',
  AUTH_SECRET: 'x'.repeat(40),
  PORTICO_ENCRYPTION_KEY: 'a2V5',
};

describe('parseEnv', () => {
  it('applies the documented defaults', () => {
    const env = parseEnv(valid);
    expect(env.ATLASSIAN_AUTH_URL).toBe('https://auth.atlassian.com');
    expect(env.ATLASSIAN_API_URL).toBe('https://api.atlassian.com');
    expect(env.ATLASSIAN_SCOPES).toEqual(['read:jira-work', 'read:jira-user', 'manage:jira-configuration', 'manage:jira-webhook', 'offline_access']);
    expect(env.PORTICO_BASE_URL).toBe('http://localhost:3000');
    expect(env.PORTICO_HOST).toBe('127.0.0.1');
    expect(env.PORTICO_TRUSTED_PROXIES).toEqual([]);
  });

  it.each([
    [{ DATABASE_URL: 'mysql://x' }, 'DATABASE_URL'],
    [{ AUTH_SECRET: 'short' }, 'AUTH_SECRET'],
    [{ ATLASSIAN_AUTH_URL: 'not a url' }, 'ATLASSIAN_AUTH_URL'],
    [{ ATLASSIAN_SCOPES: 'read:jira-work' }, 'ATLASSIAN_SCOPES'],
    [{ ATLASSIAN_CLIENT_ID: 'abc' }, 'ATLASSIAN_CLIENT_SECRET'],
    [{ AUTH_OIDC_ISSUER: 'https://id.example.com' }, 'AUTH_OIDC_ISSUER'],
    [{ PORTICO_TRUSTED_PROXIES: '10.0.0.0/8, proxy.internal' }, 'PORTICO_TRUSTED_PROXIES'],
    [{ PORTICO_HOST: '0.0.0.0; rm -rf' }, 'PORTICO_HOST'],
  ])('names the bad variable %#', (override, variable) => {
    expect(() => parseEnv({ ...valid, ...override })).toThrow(new RegExp(`${variable}:`));
  });

  it('never echoes a secret value in the error', () => {
    const secret = 'super-secret-value';
    expect(() => parseEnv({ ...valid, ATLASSIAN_CLIENT_SECRET: secret })).toThrow(/ATLASSIAN_CLIENT_ID/);
    try {
      parseEnv({ ...valid, ATLASSIAN_CLIENT_SECRET: secret });
    } catch (error) {
      expect(String(error)).not.toContain(secret);
    }
  });
});
