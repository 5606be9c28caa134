import { describe, expect, it } from 'vitest';
import { decodeTicketCursor, encodeTicketCursor } from './ticket-cursor';

describe('ticket cursors', () => {
  const key = { updatedAt: '2026-11-30T08:15:02.123456Z', id: '0b7c6a52-3f0e-4d2a-9f61-2f0b1c6d8e90' };

  it('round-trips the microseconds and the id', () => {
    expect(decodeTicketCursor(encodeTicketCursor(key))).toEqual(key);
  });

  it.each([
    ['empty', ''],
    ['not base64url', 'a+b/c='],
    ['not JSON', Buffer.from('nope').toString('base64url')],
    ['milliseconds only', Buffer.from(JSON.stringify(['2026-11-30T08:15:02.123Z', key.id])).toString('base64url')],
    ['not a uuid', Buffer.from(JSON.stringify([key.updatedAt, '42'])).toString('base64url')],
    ['an object', Buffer.from(JSON.stringify({ u: key.updatedAt, i: key.id })).toString('base64url')],
    ['too long', 'A'.repeat(201)],
  ])('refuses %s', (_case, cursor) => {
    expect(decodeTicketCursor(cursor)).toBeUndefined();
  });
});
