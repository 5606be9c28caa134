import { describe, expect, it } from 'vitest';
import type { JiraConfig } from './config-schema';
import { mergeConfigs, planMerge } from './merge-config';

const config = (partial: Partial<JiraConfig>): JiraConfig => ({ projectFilter: [], statusMapping: {}, priorityMapping: {}, projectOverrides: {}, ...partial });

const base = config({ projectFilter: ['ENG'], statusMapping: { '1': 'TODO', '2': 'TODO', '3': 'OPEN' }, priorityMapping: { '1': 'HIGH' }, projectOverrides: { ENG: { '1': 'BLOCKED' } } });

describe('planMerge', () => {
  it('finds no conflict when we changed different rows', () => {
    const mine = config({ ...base, statusMapping: { ...base.statusMapping, '1': 'OPEN' } });
    const theirs = config({ ...base, statusMapping: { ...base.statusMapping, '2': 'IN_REVIEW' } });
    const plan = planMerge(base, mine, theirs);
    expect(plan.conflicts).toEqual([]);
    expect(plan.theirChanges).toEqual([{ kind: 'status_mapping', id: '2', from: 'TODO', to: 'IN_REVIEW' }]);
    expect(plan.cleanChanges).toEqual([{ kind: 'status_mapping', id: '1', from: 'TODO', to: 'OPEN' }]);
  });

  it('treats the same row changed to the same value as agreement, not a conflict', () => {
    const both = config({ ...base, statusMapping: { ...base.statusMapping, '2': 'IN_REVIEW' } });
    expect(planMerge(base, both, both).conflicts).toEqual([]);
  });

  it.each<[string, Partial<JiraConfig>, Partial<JiraConfig>, string]>([
    ['a status', { statusMapping: { ...base.statusMapping, '2': 'BLOCKED' } }, { statusMapping: { ...base.statusMapping, '2': 'IN_REVIEW' } }, 'status:2'],
    ['a status I unmapped', { statusMapping: { '1': 'TODO', '3': 'OPEN' } }, { statusMapping: { ...base.statusMapping, '2': 'IN_REVIEW' } }, 'status:2'],
    ['a priority', { priorityMapping: { '1': 'LOW' } }, { priorityMapping: { '1': 'CRITICAL' } }, 'priority:1'],
    ['an override', { projectOverrides: { ENG: { '1': 'PENDING' } } }, { projectOverrides: {} }, 'override:ENG:1'],
  ])('reports a collision on %s', (_name, mine, theirs, key) => {
    const plan = planMerge(base, config({ ...base, ...mine }), config({ ...base, ...theirs }));
    expect(plan.conflicts.map((conflict) => conflict.key)).toEqual([key]);
    expect(plan.cleanChanges).toEqual([]);
  });
});

describe('mergeConfigs', () => {
  const mine = config({ ...base, projectFilter: ['ENG', 'WEB'], statusMapping: { '1': 'OPEN', '2': 'BLOCKED', '3': 'OPEN' }, priorityMapping: { '1': 'LOW' } });
  const theirs = config({ ...base, statusMapping: { '1': 'TODO', '2': 'IN_REVIEW', '3': 'CLOSED' }, priorityMapping: { '1': 'CRITICAL' } });

  it('refuses to settle a collision nobody chose for', () => {
    expect(mergeConfigs(base, mine, theirs, { 'status:2': 'mine' })).toEqual({ ok: false, reason: 'unresolved_conflicts', keys: ['priority:1'] });
  });

  it('applies each row as chosen and keeps both sides’ other edits', () => {
    expect(mergeConfigs(base, mine, theirs, { 'status:2': 'theirs', 'priority:1': 'mine' })).toEqual({
      ok: true,
      config: {
        projectFilter: ['ENG', 'WEB'],
        statusMapping: { '1': 'OPEN', '2': 'IN_REVIEW', '3': 'CLOSED' },
        priorityMapping: { '1': 'LOW' },
        projectOverrides: { ENG: { '1': 'BLOCKED' } },
      },
    });
  });

  it('restores their reset of an override when chosen, dropping the emptied project', () => {
    const myOverride = config({ ...base, projectOverrides: { ENG: { '1': 'PENDING' } } });
    const theirReset = config({ ...base, projectOverrides: {} });
    expect(mergeConfigs(base, myOverride, theirReset, { 'override:ENG:1': 'theirs' })).toEqual({ ok: true, config: theirReset });
    expect(mergeConfigs(base, myOverride, theirReset, { 'override:ENG:1': 'mine' })).toEqual({ ok: true, config: myOverride });
  });

  it('merges without choices when nothing collides', () => {
    const onlyMine = config({ ...base, priorityMapping: { '1': 'LOW' } });
    const onlyTheirs = config({ ...base, statusMapping: { ...base.statusMapping, '3': 'CLOSED' } });
    expect(mergeConfigs(base, onlyMine, onlyTheirs, {})).toEqual({
      ok: true,
      config: config({ ...base, statusMapping: { ...base.statusMapping, '3': 'CLOSED' }, priorityMapping: { '1': 'LOW' } }),
    });
  });
});
