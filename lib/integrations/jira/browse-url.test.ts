import { describe, expect, it } from 'vitest';
import { jiraBrowseUrl } from './browse-url';

describe('jiraBrowseUrl', () => {
  it.each([
    ['https://acme.atlassian.net', 'OPS-12', 'https://acme.atlassian.net/browse/OPS-12'],
    ['https://acme.atlassian.net/', 'OPS-12', 'https://acme.atlassian.net/browse/OPS-12'],
    ['https://acme.atlassian.net', 'A B', 'https://acme.atlassian.net/browse/A%20B'],
    ['javascript:alert(1)//', 'OPS-1', null],
    ['not a url', 'OPS-1', null],
    [null, 'OPS-1', null],
  ])('%s + %s → %s', (site, key, expected) => {
    expect(jiraBrowseUrl(site, key)).toBe(expected);
  });
});
