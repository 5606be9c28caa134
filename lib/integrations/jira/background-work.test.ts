// The fault matrix's "nothing kept talking to Atlassian" rests on trackBackgroundWork: it must run the
// after() tasks and see every call made after the answer, including ones that start only later.
import { afterEach, describe, expect, it, vi } from 'vitest';
import { trackBackgroundWork } from './fault-matrix.testing';

const call = () => fetch('data:text/plain,jira');

describe('trackBackgroundWork', () => {
  afterEach(() => vi.restoreAllMocks());

  it('runs queued after() tasks at settle, follows their later calls, and counts them as theirs', async () => {
    const work = trackBackgroundWork();
    work.queue(async () => {
      await call();
      await Promise.resolve();
      await call();
    });
    work.answered();
    expect(await work.settle()).toEqual({ afterTasksRun: 1, strayCalls: [], afterTaskCalls: 2 });
  });

  it('runs an after() task that a task queues, round after round', async () => {
    const work = trackBackgroundWork();
    work.queue(() => work.queue(() => call()));
    work.answered();
    expect(await work.settle()).toMatchObject({ afterTasksRun: 2, afterTaskCalls: 1 });
  });

  it('reports a call made after the answer that no after() task made, once it has happened', async () => {
    const work = trackBackgroundWork();
    work.answered();
    void call();
    expect((await work.settle()).strayCalls).toEqual(['data:text/plain,jira']);
  });

  it('does not count the calls the operation made before it answered', async () => {
    const work = trackBackgroundWork();
    await call();
    work.answered();
    await fetch('data:text/plain,x').catch(() => undefined);
    expect(await work.settle()).toMatchObject({ strayCalls: ['data:text/plain,x'], afterTaskCalls: 0 });
  });
});
