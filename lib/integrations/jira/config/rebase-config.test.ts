import { describe, expect, it } from 'vitest';
import type { JiraConfig } from './config-schema';
import { rebaseConfig } from './rebase-config';

const config = (partial: Partial<JiraConfig>): JiraConfig => ({ projectFilter: [], statusMapping: {}, priorityMapping: {}, projectOverrides: {}, ...partial });

describe('rebaseConfig', () => {
  const base = config({ projectFilter: ['ENG', 'OPS'], statusMapping: { '1': 'TODO', '2': 'IN_PROGRESS' }, priorityMapping: { '1': 'HIGH' } });
  const mine = config({ projectFilter: ['ENG', 'WEB'], statusMapping: { '1': 'OPEN', '2': 'IN_PROGRESS' }, priorityMapping: { '1': 'HIGH' } });
  const theirs = config({
    projectFilter: ['ENG', 'OPS', 'MOB'],
    statusMapping: { '1': 'TODO', '2': 'IN_REVIEW', '3': 'CLOSED' },
    priorityMapping: {},
    projectOverrides: { OPS: { '2': 'PENDING' } },
  });

  it('keeps their changes where I changed nothing, and mine where I did', () => {
    expect(rebaseConfig(base, mine, theirs)).toEqual({
      projectFilter: ['ENG', 'MOB', 'WEB'],
      statusMapping: { '1': 'OPEN', '2': 'IN_REVIEW', '3': 'CLOSED' },
      priorityMapping: {},
      projectOverrides: { OPS: { '2': 'PENDING' } },
    });
  });

  it('applies my deletions and override resets', () => {
    const withOverride = config({ ...base, projectOverrides: { ENG: { '1': 'BLOCKED' } } });
    const result = rebaseConfig(withOverride, config({ ...base, projectOverrides: {} }), config({ ...theirs, projectOverrides: { ENG: { '1': 'BLOCKED' } } }));
    expect(result.projectOverrides).toEqual({});
  });
});
