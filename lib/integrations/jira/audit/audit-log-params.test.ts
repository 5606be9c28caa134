import { describe, expect, it } from 'vitest';
import { auditLogHref, parseAuditLogParams } from './audit-log-params';

describe('parseAuditLogParams', () => {
  it.each([
    [{}, { query: '', page: 1 }],
    [{ audit_q: '  rolled back ', audit_page: '3' }, { query: 'rolled back', page: 3 }],
    [{ audit_q: ['a', 'b'], audit_page: ['2', '9'] }, { query: 'a', page: 2 }],
    [{ audit_q: 'x', audit_page: 'abc' }, { query: 'x', page: 1, problem: '“abc” is not a page number: showing the newest events.' }],
    [{ audit_page: '0' }, { query: '', page: 1, problem: '“0” is not a page number: showing the newest events.' }],
    [{ audit_q: 'y'.repeat(101) }, { query: '', page: 1, problem: 'Search for at most 100 characters.' }],
  ])('%j', (input, expected) => {
    expect(parseAuditLogParams(input)).toEqual(expected);
  });
});

describe('auditLogHref', () => {
  it('keeps the search, drops page 1, and lands on the log', () => {
    expect(auditLogHref('/c', 'saved', 2)).toBe('/c?audit_q=saved&audit_page=2#audit-log');
    expect(auditLogHref('/c', '', 1)).toBe('/c#audit-log');
  });
});
