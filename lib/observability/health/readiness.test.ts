import { describe, expect, it } from 'vitest';
import { assessReadiness, type ReadinessFacts } from './readiness';

const journal = [
  { tag: '0000_initial', when: 100 },
  { tag: '0001_next', when: 200 },
];
const healthy: ReadinessFacts = {
  databaseReachable: true,
  journal,
  appliedMigrations: [100, 200],
  heartbeatAgeSecs: 12,
};

describe('assessReadiness', () => {
  it.each([
    { name: 'all good', facts: healthy, ready: true, failing: [] },
    {
      name: 'database unreachable',
      facts: { ...healthy, databaseReachable: false, appliedMigrations: undefined, heartbeatAgeSecs: undefined },
      ready: false,
      failing: ['database', 'migrations', 'scheduler'],
    },
    {
      name: 'a committed migration not applied',
      facts: { ...healthy, appliedMigrations: [100] },
      ready: false,
      failing: ['migrations'],
    },
    {
      name: 'migrations table unreadable',
      facts: { ...healthy, appliedMigrations: undefined },
      ready: false,
      failing: ['migrations'],
    },
    {
      name: 'scheduler never beat',
      facts: { ...healthy, heartbeatAgeSecs: null },
      ready: false,
      failing: ['scheduler'],
    },
    { name: 'scheduler beat at the limit', facts: { ...healthy, heartbeatAgeSecs: 90 }, ready: true, failing: [] },
    {
      name: 'scheduler beat too long ago',
      facts: { ...healthy, heartbeatAgeSecs: 91 },
      ready: false,
      failing: ['scheduler'],
    },
  ])('$name', ({ facts, ready, failing }) => {
    const readiness = assessReadiness(facts);
    expect(readiness.ready).toBe(ready);
    expect(
      Object.entries(readiness.checks)
        .filter(([, check]) => !check.ok)
        .map(([name]) => name),
    ).toEqual(failing);
  });

  it('names the pending migrations', () => {
    expect(assessReadiness({ ...healthy, appliedMigrations: [100] }).checks.migrations.pending).toEqual(['0001_next']);
  });
});
