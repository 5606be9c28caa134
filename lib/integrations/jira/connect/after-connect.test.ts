import { beforeEach, describe, expect, it, vi } from 'vitest';

const calls = vi.hoisted(() => ({ order: [] as string[], tasks: [] as (() => Promise<void>)[], noRequest: false }));
vi.mock('next/server', () => ({
  after: (task: () => Promise<void>) => {
    if (calls.noRequest) throw new Error('`after` was called outside a request scope');
    calls.tasks.push(task);
  },
}));
vi.mock('./resolve-requested-names', () => ({
  resolveRequestedNames: vi.fn(() => {
    calls.order.push('resolve');
    return Promise.resolve();
  }),
}));
vi.mock('../sync/sync-schedule', () => ({
  scheduleSyncNow: vi.fn(() => {
    calls.order.push('sync');
    return Promise.resolve();
  }),
}));
vi.mock('../diagnostics', () => ({
  runDiagnostics: vi.fn(() => {
    calls.order.push('diagnose');
    return Promise.resolve(undefined);
  }),
}));

const { afterConnect } = await import('./after-connect');
const { captureLogs } = await import('@/lib/observability/capture-logs.testing');
const { resolveRequestedNames } = await import('./resolve-requested-names');

const event = { orgId: 'org', connectionId: 'connection', reconnected: false, actorUserId: 'user' };

describe('afterConnect', () => {
  beforeEach(() => {
    calls.order = [];
    calls.tasks = [];
    calls.noRequest = false;
  });

  it('does nothing before the redirect: the sync is queued, then names and diagnostics run, in one after() task', async () => {
    await afterConnect(event);
    expect(calls.order).toEqual([]);
    expect(calls.tasks).toHaveLength(1);
    await calls.tasks[0]!();
    expect(calls.order).toEqual(['sync', 'resolve', 'diagnose']);
  });

  it('a failing name resolution still lets diagnostics run, and is logged with its message, stack and ids', async () => {
    const logs = captureLogs();
    vi.mocked(resolveRequestedNames).mockRejectedValueOnce(new TypeError('names went wrong'));
    await afterConnect(event);
    await calls.tasks[0]!();
    logs.restore();
    expect(calls.order).toEqual(['sync', 'diagnose']);
    const line = logs.lines.find((entry) => entry.msg === 'name resolution after connect failed');
    expect(line).toMatchObject({ orgId: 'org', connectionId: 'connection', err: { type: 'TypeError', message: 'names went wrong' } });
    expect(line?.err?.stack).toMatch(/after-connect\.test\.ts/);
  });

  it('outside a request, nothing runs and nothing throws', async () => {
    calls.noRequest = true;
    await expect(afterConnect(event)).resolves.toBeUndefined();
    expect(calls.order).toEqual([]);
  });
});
