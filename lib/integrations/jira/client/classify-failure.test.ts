import { describe, expect, it } from 'vitest';

import { classifyFailure, parseRetryAfter } from './classify-failure';

describe('classifyFailure', () => {
  it.each([
    [400, { errorMessages: ['bad jql'] }, 'bad_request'],
    [401, { code: 401, message: 'Unauthorized; scope does not match' }, 'forbidden_scope'],
    [401, { code: 401, message: 'Unauthorized' }, 'token_unusable'],
    [401, 'not json', 'token_unusable'],
    [403, { errorMessages: ['Only Jira administrators can access the workflow configuration.'] }, 'forbidden'],
    // "OAuth 2.0 is not enabled for this method" (JSDCLOUD-9298) is not a scope mismatch.
    [403, { errorMessages: ['OAuth 2.0 is not enabled for this method.'] }, 'forbidden'],
    [404, { errorMessages: ["No project could be found with key 'ABC'."], errors: {} }, 'not_found'],
    [409, {}, 'bad_request'],
    [429, {}, 'rate_limited'],
    [500, {}, 'upstream'],
    [503, {}, 'upstream'],
    [302, {}, 'upstream'],
  ] as const)('HTTP %i %j → %s', async (status, body, kind) => {
    const response = new Response(typeof body === 'string' ? body : JSON.stringify(body), { status });
    expect((await classifyFailure(response, 'op')).kind).toBe(kind);
  });

  it('keeps the rate-limit headers of a 429', async () => {
    const response = new Response('', {
      status: 429,
      headers: {
        'Retry-After': '1847',
        'RateLimit-Reason': 'jira-quota-global-based',
        'X-RateLimit-Reset': '2025-10-08T15:00:00Z',
      },
    });
    expect(await classifyFailure(response, 'op')).toMatchObject({
      retryAfterSecs: 1847,
      rateLimitReason: 'jira-quota-global-based',
      rateLimitReset: '2025-10-08T15:00:00Z',
    });
  });
});

describe('parseRetryAfter', () => {
  const now = Date.parse('2026-01-01T00:00:00Z');
  it.each([
    [null, undefined],
    ['', undefined],
    ['1', 1],
    [' 30 ', 30],
    ['Thu, 01 Jan 2026 00:00:05 GMT', 5],
    ['Wed, 31 Dec 2025 23:59:00 GMT', 0],
    ['soon', undefined],
    ['-3', undefined],
  ])('%j → %j', (value, expected) => {
    expect(parseRetryAfter(value, now)).toBe(expected);
  });
});
