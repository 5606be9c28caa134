import { describe, expect, it } from 'vitest';
import type { ConfigChange } from '../config/diff-config';
import { describeConfigChange } from './config-change-lines';

const names = { statuses: new Map([['10002', 'In Review']]), priorities: new Map([['1', 'Highest']]) };

describe('describeConfigChange', () => {
  it.each<[ConfigChange, string]>([
    [{ kind: 'status_mapping', id: '10002', from: 'IN_PROGRESS', to: 'IN_REVIEW' }, 'Status “In Review”: In progress → In review'],
    [{ kind: 'status_mapping', id: '99', from: null, to: 'CLOSED' }, 'Status 99: not mapped → Closed'],
    [{ kind: 'priority_mapping', id: '1', from: 'HIGH', to: 'CRITICAL' }, 'Priority “Highest”: High → Critical'],
    [{ kind: 'project_filter', key: 'OPS', change: 'added' }, 'Project OPS added to the filter'],
    [{ kind: 'project_filter', key: 'MOB', change: 'removed' }, 'Project MOB removed from the filter'],
    [{ kind: 'project_override', key: 'MOB', id: '10002', from: null, to: 'BLOCKED' }, 'MOB override for status “In Review”: connection’s mapping → Blocked'],
  ])('%j', (change, expected) => {
    expect(describeConfigChange(change, names)).toBe(expected);
  });
});
