import { describe, expect, it } from 'vitest';
import { encodeTicketCursor } from './ticket-cursor';
import { parseTicketPageParams, ticketPageHref } from './ticket-page-params';

const CONNECTION = '0b7c6a52-3f0e-4d2a-9f61-2f0b1c6d8e90';
const KEY = { updatedAt: '2026-11-30T08:15:02.123456Z', id: CONNECTION };

describe('parseTicketPageParams', () => {
  it('reads every filter the page links to', () => {
    const parsed = parseTicketPageParams({
      connection: CONNECTION,
      project: 'OPS',
      status: 'OPEN,IN_PROGRESS',
      priority: 'HIGH',
      from: '2026-11-01T00:00:00.000Z',
      to: '2026-12-01T00:00:00.000+01:00',
      q: '  login bug ',
      deleted: '1',
      after: encodeTicketCursor(KEY),
    });
    expect(parsed).toEqual({
      filters: {
        connectionId: CONNECTION,
        projectKey: 'OPS',
        statuses: ['OPEN', 'IN_PROGRESS'],
        priorities: ['HIGH'],
        updatedFrom: new Date('2026-11-01T00:00:00Z'),
        updatedTo: new Date('2026-11-30T23:00:00Z'),
        search: 'login bug',
        includeDeleted: true,
      },
      page: { direction: 'after', key: KEY },
      ignored: [],
    });
  });

  it.each([
    ['connection', 'not-a-uuid'],
    ['project', 'ops'],
    ['status', 'DONE'],
    ['status', 'OPEN,DONE'],
    ['priority', 'URGENT'],
    ['from', 'yesterday'],
    ['q', 'x'.repeat(201)],
    ['after', 'garbage'],
  ])('leaves out %s=%s and names it, instead of failing', (param, value) => {
    const kept = param === 'q' ? { project: 'OPS' } : { q: 'kept' };
    const parsed = parseTicketPageParams({ ...kept, [param]: value });
    expect(parsed.filters).toEqual(param === 'q' ? { projectKey: 'OPS' } : { search: 'kept' });
    expect(parsed.page).toBeNull();
    expect(parsed.ignored.map((item) => item.param)).toEqual([param]);
  });

  it('ignores empty values, as an unfilled form sends them', () => {
    expect(parseTicketPageParams({ connection: '', q: '', status: '' })).toEqual({ filters: {}, page: null, ignored: [] });
  });

  it('round-trips through ticketPageHref', () => {
    const filters = { projectKey: 'OPS', statuses: ['TODO' as const], search: 'a&b', updatedFrom: new Date('2026-11-01T00:00:00Z') };
    const href = ticketPageHref(filters, { direction: 'before', key: KEY });
    const params = Object.fromEntries(new URL(href, 'http://portico.test').searchParams);
    expect(parseTicketPageParams(params)).toEqual({ filters, page: { direction: 'before', key: KEY }, ignored: [] });
    expect(ticketPageHref({})).toBe('/tickets');
  });
});
