import { describe, expect, it } from 'vitest';
import { describeRunStarter } from './presentation';

describe('describeRunStarter', () => {
  it.each([
    ['manual', 'Ada Admin', 'Run by Ada Admin'],
    ['manual', null, 'Run by an admin whose account was removed'],
    ['scheduled', null, 'Scheduled'],
    ['after_connect', null, 'After connect'],
    ['api', null, 'Through the API'],
  ] as const)('%s by %s → %s', (trigger, startedByName, expected) => {
    expect(describeRunStarter({ trigger, startedByName })).toBe(expected);
  });
});
