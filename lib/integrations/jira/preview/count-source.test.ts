import { describe, expect, it } from 'vitest';
import { pickCountSource } from './count-source';

const done = { phase: 'incremental', backfillCompletedAt: new Date('2026-01-01T00:00:00Z') };

describe('pickCountSource', () => {
  it('counts in Jira for a connection that never synced', () => {
    expect(pickCountSource(null, ['PLAT'])).toEqual({ kind: 'jira_approximate_count', reason: 'never_synced' });
  });

  it('counts in Jira while the backfill runs, even after an earlier one completed (the filter grew)', () => {
    expect(pickCountSource({ phase: 'backfill', backfillCompletedAt: null, syncedProjectFilter: null }, [])).toMatchObject({ reason: 'backfill_incomplete' });
    expect(pickCountSource({ ...done, phase: 'backfill', syncedProjectFilter: ['PLAT'] }, ['PLAT'])).toMatchObject({ reason: 'backfill_incomplete' });
  });

  it('answers from synced tickets when the completed backfill covers every key of the filter', () => {
    expect(pickCountSource({ ...done, syncedProjectFilter: ['PLAT', 'MOB'] }, ['MOB'])).toEqual({ kind: 'synced_tickets' });
    expect(pickCountSource({ ...done, syncedProjectFilter: [] }, ['ANY'])).toEqual({ kind: 'synced_tickets' });
    expect(pickCountSource({ ...done, syncedProjectFilter: [] }, [])).toEqual({ kind: 'synced_tickets' });
  });

  it('counts in Jira for a filter reaching beyond the synced projects, "All projects" included', () => {
    expect(pickCountSource({ ...done, syncedProjectFilter: ['PLAT'] }, ['PLAT', 'MOB'])).toMatchObject({ reason: 'filter_not_synced' });
    expect(pickCountSource({ ...done, syncedProjectFilter: ['PLAT'] }, [])).toMatchObject({ reason: 'filter_not_synced' });
  });
});
