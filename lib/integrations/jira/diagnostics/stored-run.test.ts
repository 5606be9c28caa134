import { describe, expect, it } from 'vitest';
import { toDiagnosticRun } from './stored-run';

const row = (results: unknown[]) => ({
  id: 'run',
  connectionId: 'connection',
  trigger: 'scheduled',
  outcome: 'warning',
  results,
  startedAt: new Date('2026-11-23T12:00:00Z'),
  finishedAt: new Date('2026-11-23T12:00:05Z'),
});
const check = {
  id: 'grant',
  title: 'Authorization (grant)',
  outcome: 'pass',
  summary: 'Alive.',
  evidence: [],
  remedy: null,
};

describe('toDiagnosticRun', () => {
  it('reads a stored check; a retired action reads as none; an unknown check id is dropped', () => {
    const run = toDiagnosticRun(
      row([
        { ...check, action: 'rerun' },
        { ...check, action: 'verify_credentials' },
        { ...check, id: 'no_such_check', action: null },
      ]),
    );
    expect(run.checks.map((entry) => entry.action)).toEqual(['rerun', null]);
    expect(run.trigger).toBe('scheduled');
  });
});
