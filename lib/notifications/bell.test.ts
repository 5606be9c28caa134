import { describe, expect, it } from 'vitest';
import { bellListSchema, markReadRequestSchema, RESOLVED_FIX, toBellItem } from './bell';

const ID = '6f1c0a52-8c1e-4a5e-9a4e-2f9a3c1b7d10';

describe('markReadRequestSchema', () => {
  it.each([
    [{ ids: [ID] }, true],
    [{ all: true }, true],
    [{ ids: [] }, false],
    [{ ids: ['not-a-uuid'] }, false],
    [{ ids: Array.from({ length: 33 }, () => ID) }, false],
    [{ all: false }, false],
    [{ all: true, ids: [ID] }, false],
    [{ ids: [ID], userId: ID }, false],
    [{}, false],
    [null, false],
  ])('%j → accepted: %s', (body, accepted) => {
    expect(markReadRequestSchema.safeParse(body).success).toBe(accepted);
  });
});

describe('toBellItem', () => {
  const row = {
    id: ID,
    title: 'Acme needs to be reconnected',
    remedy: 'Open the connection and choose Reconnect.',
    link: '/settings/integrations/jira/x',
    lastEventAt: new Date('2026-12-02T10:00:00Z'),
  };

  it.each([
    ['open', null, { fix: row.remedy, needsAction: true, read: false }],
    ['resolved', null, { fix: RESOLVED_FIX, needsAction: false, read: false }],
    ['info', new Date(), { fix: row.remedy, needsAction: false, read: true }],
  ] as const)('a %s thread (read at %s)', (state, readAt, expected) => {
    const item = toBellItem({ ...row, state, readAt });
    expect(item).toMatchObject({ ...expected, lastEventAt: '2026-12-02T10:00:00.000Z' });
    expect(bellListSchema.safeParse({ unread: 1, items: [item] }).success).toBe(true);
  });
});
