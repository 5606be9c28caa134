import { describe, expect, it } from 'vitest';
import { describeErrorCode } from './verify-credentials';

describe('describeErrorCode', () => {
  it.each([
    ['access_denied', ' (access_denied)'],
    ['invalid_client', ' (invalid_client)'],
    ['unauthorized_client', ' (unauthorized_client)'],
    ['invalid_grant', ' (invalid_grant)'],
    ['<script>alert(1)</script>', ' (an unexpected error code)'],
    ['temporarily_unavailable', ' (an unexpected error code)'],
    [undefined, ''],
  ])('%s', (code, words) => {
    expect(describeErrorCode(code)).toBe(words);
  });
});
