import { describe, expect, it } from 'vitest';
import { JqlError, parseJql } from './parse';

describe('parseJql', () => {
  it.each([
    ['project = PLAT', { where: { kind: 'clause', field: 'project', op: '=', values: ['PLAT'] }, orderBy: [] }],
    ['project in (A, "B C") order by created desc, key', { where: { kind: 'clause', field: 'project', op: 'in', values: ['A', 'B C'] }, orderBy: [{ field: 'created', desc: true }, { field: 'key', desc: false }] }],
    ['status not in ("Done") AND priority != Low', { where: { kind: 'and', left: { kind: 'clause', field: 'status', op: 'not in', values: ['Done'] }, right: { kind: 'clause', field: 'priority', op: '!=', values: ['Low'] } }, orderBy: [] }],
    ['ORDER BY key', { where: null, orderBy: [{ field: 'key', desc: false }] }],
    ['assignee is EMPTY', { where: { kind: 'clause', field: 'assignee', op: 'is', values: ['EMPTY'] }, orderBy: [] }],
    ["statusCategory = 'In Progress' OR (project = A AND NOT status = Done)", expect.objectContaining({ where: expect.objectContaining({ kind: 'or' }) })],
  ])('%s', (jql, expected) => {
    expect(parseJql(jql)).toEqual(expected);
  });

  it.each(['project =', 'project PLAT', 'project in (A', 'status = "open', 'project = A order key', 'a = b c'])('rejects %s', (jql) => {
    expect(() => parseJql(jql)).toThrow(JqlError);
  });
});
