// A counting semaphore: at most `limit` tasks run at once, the rest wait in arrival order.
// Fan-out over projects would otherwise fire one request per project at the same moment and trip
// Jira's per-endpoint burst limit (developer.atlassian.com/cloud/jira/platform/rate-limiting/).

export type Semaphore = <T>(task: () => Promise<T>) => Promise<T>;

export function createSemaphore(limit: number): Semaphore {
  if (!Number.isInteger(limit) || limit < 1) throw new RangeError('Concurrency limit must be a positive integer.');
  let running = 0;
  const waiting: Array<() => void> = [];

  const release = () => {
    const next = waiting.shift();
    if (next) next();
    else running -= 1;
  };

  return async (task) => {
    if (running < limit) running += 1;
    else await new Promise<void>((resolve) => waiting.push(resolve));
    try {
      return await task();
    } finally {
      release();
    }
  };
}
