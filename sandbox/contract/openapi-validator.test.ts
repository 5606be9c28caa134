// The validator must not pass what it did not check: undocumented statuses and unexpected bodies fail.
import { describe, expect, it } from 'vitest';
import { createResponseValidator } from './openapi-validator';

const validate = createResponseValidator();
type Args = Parameters<typeof validate>;
const rateLimitHeaders = {
  'retry-after': '3',
  'x-ratelimit-limit': '5',
  'x-ratelimit-remaining': '0',
  'x-ratelimit-reset': '2026-01-01T01:01:01Z',
  'ratelimit-reason': 'jira-burst-based',
};
const myself = { accountId: '5b10ac8d82e05b22cc7d4ef5', accountType: 'atlassian', active: true, displayName: 'Ada' };

describe('createResponseValidator', () => {
  it.each<{ name: string; args: Args; kind: string }>([
    { name: 'a documented success matching its schema', args: ['GET', 'myself', 200, myself], kind: 'validated' },
    {
      name: "the gateway's own 401 body",
      args: ['GET', 'webhook', 401, { code: 401, message: 'Unauthorized' }],
      kind: 'validated',
    },
    {
      name: 'a 429 with the rate-limiting headers',
      args: ['GET', 'myself', 429, { errorMessages: ['Rate limit exceeded.'], errors: {} }, rateLimitHeaders],
      kind: 'validated',
    },
    {
      name: 'a documented error status with an ErrorCollection',
      args: ['GET', 'project/{projectIdOrKey}', 404, { errorMessages: ['No project'], errors: {} }],
      kind: 'validated',
    },
  ])('validates $name', ({ args, kind }) => {
    expect(validate(...args).kind).toBe(kind);
  });

  it.each<{ name: string; args: Args; error: RegExp }>([
    {
      name: 'a status the operation does not document',
      args: ['GET', 'myself', 418, { errorMessages: [], errors: {} }],
      error: /418: status not documented/,
    },
    {
      name: 'an operation the document does not have',
      args: ['GET', 'no-such-thing', 200, {}],
      error: /no such operation/,
    },
    {
      name: 'a success that breaks its schema',
      args: ['GET', 'myself', 200, { accountId: 42 }],
      error: /myself 200: body/,
    },
    {
      name: 'a 429 without the rate-limiting headers',
      args: ['GET', 'myself', 429, { errorMessages: [], errors: {} }],
      error: /429: headers/,
    },
    {
      name: 'an error with a plain-text body',
      args: ['GET', 'project/{projectIdOrKey}', 404, 'Not Found'],
      error: /404: body/,
    },
    { name: 'a gateway 401 with a made-up shape', args: ['GET', 'myself', 401, { code: 401 }], error: /401: body/ },
  ])('fails $name', ({ args, error }) => {
    const verdict = validate(...args);
    expect(verdict.kind).toBe('failed');
    expect(verdict.kind === 'failed' && verdict.error).toMatch(error);
  });
});
