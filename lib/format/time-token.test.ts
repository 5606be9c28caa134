import { describe, expect, it } from 'vitest';
import { parseTimeTokens, renderTimeTokensUtc, timeToken } from './time-token';

const AT = new Date('2026-11-23T17:30:00Z');

describe('timeToken', () => {
  it('writes the instant as toISOString does, with the word an absolute time needs', () => {
    expect(timeToken(AT)).toBe('{{time:2026-11-23T17:30:00.000Z}}');
    expect(timeToken(AT, 'on')).toBe('{{time:on:2026-11-23T17:30:00.000Z}}');
  });
});

describe('parseTimeTokens', () => {
  it.each([
    [
      'text without tokens (a run stored before them)',
      'the last on Nov 23, 2026, 5:30 PM UTC',
      [{ kind: 'text', text: 'the last on Nov 23, 2026, 5:30 PM UTC' }],
    ],
    ['an empty string', '', []],
    [
      'a token inside a sentence',
      `the last ${timeToken(AT, 'on')} (reading statuses)`,
      [
        { kind: 'text', text: 'the last ' },
        { kind: 'time', date: AT, prefix: 'on' },
        { kind: 'text', text: ' (reading statuses)' },
      ],
    ],
    [
      'tokens side by side, at the ends',
      `${timeToken(AT)}${timeToken(AT, 'at')}`,
      [
        { kind: 'time', date: AT, prefix: null },
        { kind: 'time', date: AT, prefix: 'at' },
      ],
    ],
    [
      'a date that does not exist stays text',
      'x {{time:2026-02-30T00:00:00.000Z}}',
      [{ kind: 'text', text: 'x {{time:2026-02-30T00:00:00.000Z}}' }],
    ],
    [
      'an unknown word is not a token',
      '{{time:since:2026-11-23T17:30:00.000Z}}',
      [{ kind: 'text', text: '{{time:since:2026-11-23T17:30:00.000Z}}' }],
    ],
    [
      'an ISO time not as toISOString writes it is not a token',
      '{{time:2026-11-23T17:30:00Z}}',
      [{ kind: 'text', text: '{{time:2026-11-23T17:30:00Z}}' }],
    ],
  ] as const)('%s', (_name, text, parts) => {
    expect(parseTimeTokens(text)).toEqual(parts);
  });
});

describe('renderTimeTokensUtc', () => {
  it.each([
    ['unprefixed', `${timeToken(AT)}, RateLimit-Reason none`, 'Nov 23, 2026, 5:30 PM UTC, RateLimit-Reason none'],
    ['with its word', `the last ${timeToken(AT, 'on')} (x)`, 'the last on Nov 23, 2026, 5:30 PM UTC (x)'],
    [
      'two times',
      `from ${timeToken(AT)} to ${timeToken(new Date('2026-11-24T00:05:00Z'))}`,
      'from Nov 23, 2026, 5:30 PM UTC to Nov 24, 2026, 12:05 AM UTC',
    ],
    ['old text stays as it is', 'the last on Nov 23, 2026, 5:30 PM UTC', 'the last on Nov 23, 2026, 5:30 PM UTC'],
  ])('%s', (_name, text, expected) => {
    expect(renderTimeTokensUtc(text)).toBe(expected);
  });
});
