import { describe, expect, it } from 'vitest';
import { JqlError, parseJql } from './parse';

describe('parseJql', () => {
  it.each([
    ['project = PLAT', { where: { kind: 'clause', field: 'project', op: '=', values: ['PLAT'], quoted: [false] }, orderBy: [] }],
    ['project in (A, "B C") order by created desc, key', { where: { kind: 'clause', field: 'project', op: 'in', values: ['A', 'B C'], quoted: [false, true] }, orderBy: [{ field: 'created', desc: true }, { field: 'key', desc: false }] }],
    ['status not in ("Done") AND priority != Low', { where: { kind: 'and', left: { kind: 'clause', field: 'status', op: 'not in', values: ['Done'], quoted: [true] }, right: { kind: 'clause', field: 'priority', op: '!=', values: ['Low'], quoted: [false] } }, orderBy: [] }],
    ['ORDER BY key', { where: null, orderBy: [{ field: 'key', desc: false }] }],
    ['assignee is EMPTY', { where: { kind: 'clause', field: 'assignee', op: 'is', values: ['EMPTY'], quoted: [false] }, orderBy: [] }],
    ["statusCategory = 'In Progress' OR (project = A AND NOT status = Done)", expect.objectContaining({ where: expect.objectContaining({ kind: 'or' }) })],
    ['updated >= "2026/01/15 09:00" ORDER BY updated ASC', { where: { kind: 'clause', field: 'updated', op: '>=', values: ['2026/01/15 09:00'], quoted: [true] }, orderBy: [{ field: 'updated', desc: false }] }],
    ['updated > -5d AND created <= 1700000000000', { where: { kind: 'and', left: { kind: 'clause', field: 'updated', op: '>', values: ['-5d'], quoted: [false] }, right: { kind: 'clause', field: 'created', op: '<=', values: ['1700000000000'], quoted: [false] } }, orderBy: [] }],
    ["updated < '2026-01-15'", { where: { kind: 'clause', field: 'updated', op: '<', values: ['2026-01-15'], quoted: [true] }, orderBy: [] }],
  ])('%s', (jql, expected) => {
    expect(parseJql(jql)).toEqual(expected);
  });

  it.each(['project =', 'project PLAT', 'project in (A', 'status = "open', 'project = A order key', 'a = b c', 'updated >='])('rejects %s', (jql) => {
    expect(() => parseJql(jql)).toThrow(JqlError);
  });
});
