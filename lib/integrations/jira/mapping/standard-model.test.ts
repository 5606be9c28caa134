import { describe, expect, it } from 'vitest';
import {
  FINISHED_STATUSES,
  isFinishedStatus,
  isOpenWorkStatus,
  OPEN_WORK_STATUSES,
  STANDARD_PRIORITIES,
  STANDARD_PRIORITY_INFO,
  STANDARD_STATUS_INFO,
  STANDARD_STATUSES,
  StandardPrioritySchema,
  StandardStatusSchema,
} from './standard-model';

describe('standard model', () => {
  it('splits statuses into open work, finished and UNKNOWN, with no overlap', () => {
    const grouped = [...OPEN_WORK_STATUSES, ...FINISHED_STATUSES, 'UNKNOWN'];
    expect([...grouped].sort()).toEqual([...STANDARD_STATUSES].sort());
    expect(STANDARD_STATUSES.filter((status) => isOpenWorkStatus(status) && isFinishedStatus(status))).toEqual([]);
    expect(isOpenWorkStatus('UNKNOWN') || isFinishedStatus('UNKNOWN')).toBe(false);
  });

  it('has a label and description for every value', () => {
    for (const status of STANDARD_STATUSES) expect(STANDARD_STATUS_INFO[status].label).not.toBe('');
    for (const priority of STANDARD_PRIORITIES) expect(STANDARD_PRIORITY_INFO[priority].description).not.toBe('');
  });

  it('rejects values outside the model with a message naming the choices', () => {
    expect(StandardStatusSchema.safeParse('IN_PROGRESS').success).toBe(true);
    expect(StandardStatusSchema.safeParse('In Progress').error?.issues[0]?.message).toContain('IN_PROGRESS');
    expect(StandardPrioritySchema.safeParse('P1').error?.issues[0]?.message).toContain('CRITICAL');
  });
});
