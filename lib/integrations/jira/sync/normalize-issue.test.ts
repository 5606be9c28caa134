import { describe, expect, it } from 'vitest';
import { normalizeIssue, type MappingInForce } from './normalize-issue';

const mapping: MappingInForce = {
  version: 7,
  statusMapping: { '1': 'TODO', '3': 'IN_PROGRESS' },
  priorityMapping: { '2': 'HIGH' },
  projectOverrides: { OPS: { '3': 'BLOCKED' } },
};

function issue(overrides: Record<string, unknown> = {}) {
  return {
    id: '10001',
    key: 'ENG-1',
    fields: {
      summary: 'Fix login',
      status: { id: '3', name: 'In Progress', statusCategory: { key: 'indeterminate', id: 4 } },
      priority: { id: '2', name: 'High' },
      issuetype: { id: '10000', name: 'Bug' },
      project: { id: '100', key: 'ENG', name: 'Engineering' },
      assignee: { accountId: 'acc-1', displayName: 'Mia' },
      reporter: null,
      created: '2026-01-10T08:00:00.000+0100',
      updated: '2026-01-11T08:00:00.000+0000',
      labels: ['a'],
      duedate: null,
      customfield_1: 'not requested',
      ...overrides,
    },
  };
}

describe('normalizeIssue', () => {
  it('keeps the raw values and computes the standard ones with the mapping version', () => {
    const result = normalizeIssue(issue(), mapping);
    expect(result.ok).toBe(true);
    if (!result.ok) return;
    expect(result.ticket).toMatchObject({
      externalId: '10001',
      key: 'ENG-1',
      projectKey: 'ENG',
      statusId: '3',
      statusCategory: 'indeterminate',
      standardStatus: 'IN_PROGRESS',
      standardPriority: 'HIGH',
      mappingVersion: 7,
      assigneeName: 'Mia',
      reporterAccountId: null,
      jiraCreatedAt: new Date('2026-01-10T07:00:00.000Z'),
    });
    expect(Object.keys(result.ticket.vendorAttributes)).not.toContain('customfield_1');
    expect(result.ticket.vendorAttributes.labels).toEqual(['a']);
  });

  it.each([
    ['per-project override first', { project: { id: '200', key: 'OPS' } }, 'BLOCKED', 'HIGH'],
    ['unmapped status is UNKNOWN', { status: { id: '99', name: 'Odd', statusCategory: { key: 'new' } } }, 'UNKNOWN', 'HIGH'],
    ['no priority is UNKNOWN', { priority: null }, 'IN_PROGRESS', 'UNKNOWN'],
    ['unmapped priority is UNKNOWN', { priority: { id: '5', name: 'Low' } }, 'IN_PROGRESS', 'UNKNOWN'],
  ])('%s', (_, fields, status, priority) => {
    const result = normalizeIssue(issue(fields), mapping);
    expect(result.ok && [result.ticket.standardStatus, result.ticket.standardPriority]).toEqual([status, priority]);
  });

  it('refuses an issue without its status, naming the path but no value', () => {
    const result = normalizeIssue(issue({ status: undefined, summary: 'secret text' }), mapping);
    expect(result).toMatchObject({ ok: false, issueId: '10001' });
    expect(JSON.stringify(result)).not.toContain('secret text');
  });
});
