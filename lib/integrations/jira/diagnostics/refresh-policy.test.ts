import { describe, expect, it } from 'vitest';
import { refreshDecision } from './refresh-policy';

const now = new Date('2026-11-23T12:00:00Z');
const minutesAgo = (minutes: number) => new Date(now.getTime() - minutes * 60_000);

describe('refreshDecision', () => {
  it.each([
    ['after_connect', minutesAgo(1), { force: false, reason: 'fresh_consent' }],
    ['after_reconnect', null, { force: false, reason: 'fresh_consent' }],
    ['manual', minutesAgo(1), { force: true, reason: 'manual' }],
    ['scheduled', minutesAgo(59), { force: false, reason: 'refreshed_recently' }],
    ['scheduled', minutesAgo(61), { force: true, reason: 'not_refreshed_recently' }],
    ['scheduled', null, { force: true, reason: 'not_refreshed_recently' }],
    ['api', minutesAgo(10), { force: false, reason: 'refreshed_recently' }],
    ['api', minutesAgo(120), { force: true, reason: 'not_refreshed_recently' }],
  ] as const)('%s, last refresh %s', (trigger, last, decision) => {
    expect(refreshDecision(trigger, last, now)).toEqual(decision);
  });
});
