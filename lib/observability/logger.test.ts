import { describe, expect, it } from 'vitest';
import { captureLogs } from './capture-logs.testing';
import { rootLogger } from './logger';
import { bindLogContext, log, runWithRequestContext } from './request-context';

describe('the logger', () => {
  it('redacts secrets by path, at the top level and nested', () => {
    const logs = captureLogs();
    rootLogger().info(
      {
        authorization: 'Bearer top-level-secret',
        req: { headers: { authorization: 'Bearer header-secret', cookie: 'authjs.session-token=cookie-secret' } },
        tokens: { accessToken: 'access-secret', refresh_token: 'refresh-secret' },
        app: { clientSecret: 'client-secret-value', apiKey: 'pk_api-key-secret' },
        user: { password: 'password-secret' },
        kept: 'visible',
      },
      'with secrets',
    );
    logs.restore();
    const [line] = logs.raw;
    for (const secret of [
      'top-level-secret',
      'header-secret',
      'cookie-secret',
      'access-secret',
      'refresh-secret',
      'client-secret-value',
      'api-key-secret',
      'password-secret',
    ]) {
      expect(line).not.toContain(secret);
    }
    expect(logs.lines[0]).toMatchObject({
      kept: 'visible',
      tokens: { accessToken: '[redacted]' },
      req: { headers: { cookie: '[redacted]' } },
    });
  });

  it('logs errors as err with type, message, stack and cause, but no other property of the error', () => {
    const logs = captureLogs();
    const cause = new Error('socket hang up');
    const error = Object.assign(new Error('token endpoint failed', { cause }), {
      kind: 'unavailable',
      responseBody: { refresh_token: 'leak' },
    });
    rootLogger().error({ err: error }, 'failed');
    logs.restore();
    expect(logs.lines[0]?.err).toEqual({
      type: 'Error',
      message: 'token endpoint failed',
      stack: expect.stringMatching(/logger\.test\.ts/),
      kind: 'unavailable',
      cause: { type: 'Error', message: 'socket hang up', stack: expect.any(String) },
    });
    expect(logs.raw[0]).not.toContain('leak');
  });

  it('keeps a failed query’s statement but not its parameters', () => {
    const logs = captureLogs();
    const error = new Error('Failed query: select id from api_keys where secret_hash = $1\nparams: 9f86d081884c7d65,\nsecond-line');
    rootLogger().error({ err: error }, 'query failed');
    logs.restore();
    expect(logs.lines[0]?.err?.message).toBe('Failed query: select id from api_keys where secret_hash = $1\nparams: [redacted]');
    expect(logs.raw[0]).not.toContain('9f86d081884c7d65');
    expect(logs.raw[0]).not.toContain('second-line');
  });

  it('binds the request id, route, organization and connection to every line of a request', () => {
    const logs = captureLogs();
    runWithRequestContext('req-1', { route: '/api/x' }, () => {
      bindLogContext({ orgId: 'org-1' });
      bindLogContext({ connectionId: 'conn-1' });
      log().info('inside');
    });
    log().info('outside');
    logs.restore();
    expect(logs.lines[0]).toMatchObject({
      requestId: 'req-1',
      route: '/api/x',
      orgId: 'org-1',
      connectionId: 'conn-1',
      msg: 'inside',
    });
    expect(logs.lines[1]).not.toHaveProperty('requestId');
  });
});
