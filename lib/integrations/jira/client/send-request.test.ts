import { afterEach, describe, expect, it, vi } from 'vitest';

import { JiraError } from './errors';
import { API_BASE, CLOUD_ID, createFakeFetch, json, loadRecorded, type FakeHandler } from './fake-jira.testing';
import { createJiraClient, type JiraClientOptions } from './jira-client';
import type { JiraCallEvent } from './transport';

const OLD_TOKEN = 'at-old-9f8e7d';
const NEW_TOKEN = 'at-new-1a2b3c';
const myself = loadRecorded('myself.recorded.json');
const SCOPE_MISMATCH = { code: 401, message: 'Unauthorized; scope does not match' };

function setup(handler: FakeHandler, options: Partial<JiraClientOptions> = {}) {
  const fake = createFakeFetch(handler);
  const tokenRequests: boolean[] = [];
  const events: JiraCallEvent[] = [];
  const client = createJiraClient({
    apiBaseUrl: API_BASE,
    cloudId: CLOUD_ID,
    fetch: fake.fetch,
    getAccessToken: ({ forceRefresh }) => {
      tokenRequests.push(forceRefresh);
      return Promise.resolve(tokenRequests.includes(true) ? NEW_TOKEN : OLD_TOKEN);
    },
    onCall: (event) => events.push(event),
    upstreamRetryDelayMs: 1,
    ...options,
  });
  return { client, calls: fake.calls, tokenRequests, events };
}

async function jiraError(promise: Promise<unknown>): Promise<JiraError> {
  try {
    await promise;
  } catch (error) {
    if (error instanceof JiraError) return error;
    throw error;
  }
  throw new Error('expected a JiraError');
}

afterEach(() => {
  vi.useRealTimers();
});

describe('401 handling', () => {
  it('refreshes the token once and retries once', async () => {
    const { client, calls, tokenRequests, events } = setup(({ headers }) =>
      headers.get('authorization') === `Bearer ${NEW_TOKEN}`
        ? json(myself)
        : json({ code: 401, message: 'Unauthorized' }, 401),
    );
    expect((await client.getMyself()).displayName).toBe('Nango Developer');
    expect(tokenRequests).toEqual([false, true]);
    expect(calls).toHaveLength(2);
    expect(events.map((e) => [e.status, e.attempt, e.errorKind])).toEqual([
      [401, 1, 'token_unusable'],
      [200, 2, undefined],
    ]);
  });

  it('gives up with token_unusable when the refreshed token is rejected too', async () => {
    const { client, calls, tokenRequests } = setup(() => json({ code: 401, message: 'Unauthorized' }, 401));
    const error = await jiraError(client.getMyself());
    expect(error).toMatchObject({ kind: 'token_unusable', status: 401, operation: 'getMyself' });
    expect(tokenRequests).toEqual([false, true]);
    expect(calls).toHaveLength(2);
  });

  it('does not resend the request when the token source keeps the refused token (site outside the grant)', async () => {
    const { client, calls, tokenRequests } = setup(() => json({ code: 401, message: 'Unauthorized' }, 401), {
      getAccessToken: ({ forceRefresh }) => {
        tokenRequests.push(forceRefresh);
        return Promise.resolve(OLD_TOKEN);
      },
    });
    const error = await jiraError(client.getMyself());
    expect(error).toMatchObject({ kind: 'token_unusable', status: 401, operation: 'getMyself' });
    expect(tokenRequests).toEqual([false, true]);
    expect(calls).toHaveLength(1);
  });

  it('reports a scope mismatch as forbidden_scope without refreshing', async () => {
    const { client, calls, tokenRequests, events } = setup(() => json(SCOPE_MISMATCH, 401));
    expect(await jiraError(client.searchStatuses())).toMatchObject({ kind: 'forbidden_scope', status: 401 });
    expect(tokenRequests).toEqual([false]);
    expect(calls).toHaveLength(1);
    expect(events[0]).toMatchObject({ operation: 'searchStatuses', status: 401, errorKind: 'forbidden_scope' });
  });

  it('lets errors from getAccessToken propagate unchanged', async () => {
    const refreshFailure = Object.assign(new Error('refresh failed'), { kind: 'token_refresh_failed' });
    const { client, calls } = setup(() => json(myself), { getAccessToken: () => Promise.reject(refreshFailure) });
    await expect(client.getMyself()).rejects.toBe(refreshFailure);
    expect(calls).toHaveLength(0);
  });
});

describe('429 handling', () => {
  const rateLimited = (retryAfter?: string) =>
    json({}, 429, {
      ...(retryAfter === undefined ? {} : { 'Retry-After': retryAfter }),
      'RateLimit-Reason': 'jira-burst-based',
      'X-RateLimit-Reset': '2026-01-01T01:01:01Z',
    });

  it('waits Retry-After seconds, then retries', async () => {
    vi.useFakeTimers({ toFake: ['setTimeout'] });
    let count = 0;
    const { client, calls, events } = setup(() => (++count <= 2 ? rateLimited('3') : json(myself)));
    const result = client.getMyself();
    await vi.advanceTimersByTimeAsync(2_999);
    expect(calls).toHaveLength(1);
    await vi.advanceTimersByTimeAsync(1);
    expect(calls).toHaveLength(2);
    await vi.advanceTimersByTimeAsync(3_000);
    expect((await result).accountId).toContain('712020:');
    expect(events[0]).toMatchObject({
      status: 429,
      errorKind: 'rate_limited',
      rateLimitReason: 'jira-burst-based',
      retryAfterSecs: 3,
    });
  });

  it('throws rate_limited with the headers once retries are used up', async () => {
    vi.useFakeTimers({ toFake: ['setTimeout'] });
    const { client, calls } = setup(() => rateLimited('1'));
    const result = jiraError(client.getMyself());
    await vi.advanceTimersByTimeAsync(2_000);
    expect(await result).toMatchObject({
      kind: 'rate_limited',
      status: 429,
      retryAfterSecs: 1,
      rateLimitReason: 'jira-burst-based',
      rateLimitReset: '2026-01-01T01:01:01Z',
    });
    expect(calls).toHaveLength(3);
  });

  it('throws at once when Jira asks for a long wait (hourly quota)', async () => {
    const { client, calls } = setup(() => rateLimited('1847'));
    expect(await jiraError(client.getMyself())).toMatchObject({ kind: 'rate_limited', retryAfterSecs: 1847 });
    expect(calls).toHaveLength(1);
  });

  it('honours configured limits', async () => {
    const { client, calls } = setup(() => rateLimited('1'), { rateLimit: { maxRetries: 0 } });
    expect(await jiraError(client.getMyself())).toMatchObject({ kind: 'rate_limited' });
    expect(calls).toHaveLength(1);
  });

  it('backs off 1 s then 2 s when Retry-After is missing', async () => {
    vi.useFakeTimers({ toFake: ['setTimeout'] });
    const { client, calls } = setup(() => rateLimited());
    const result = jiraError(client.getMyself());
    await vi.advanceTimersByTimeAsync(1_000);
    expect(calls).toHaveLength(2);
    await vi.advanceTimersByTimeAsync(2_000);
    expect((await result).retryAfterSecs).toBeUndefined();
    expect(calls).toHaveLength(3);
  });
});

describe('5xx, network errors and timeouts', () => {
  it('retries a read once after a 5xx', async () => {
    let count = 0;
    const { client, calls } = setup(() => (++count === 1 ? json({}, 503) : json(myself)));
    expect((await client.getMyself()).active).toBe(true);
    expect(calls).toHaveLength(2);
  });

  it('gives up with upstream after the second 5xx, and retries read-only POSTs too', async () => {
    const { client, calls } = setup(() => new Response('<html>Bad gateway</html>', { status: 502 }));
    expect(await jiraError(client.approximateCount('project = KAN'))).toMatchObject({ kind: 'upstream', status: 502 });
    expect(calls).toHaveLength(2);
  });

  it('treats a network failure as upstream', async () => {
    const { client, calls, events } = setup(() => Promise.reject(new TypeError('fetch failed')));
    const error = await jiraError(client.getMyself());
    expect(error.kind).toBe('upstream');
    expect(error.message).toContain('network error');
    expect(calls).toHaveLength(2);
    expect(events.map((e) => e.status)).toEqual([0, 0]);
  });

  it('aborts a request that exceeds the timeout', async () => {
    const hang: FakeHandler = ({ signal }) =>
      new Promise((_, reject) => signal?.addEventListener('abort', () => reject(signal.reason as Error)));
    const { client, calls } = setup(hang, { timeoutMs: 30 });
    const started = Date.now();
    const error = await jiraError(client.getMyself());
    expect(error.kind).toBe('upstream');
    expect(error.message).toContain('timed out after 30 ms');
    expect(calls).toHaveLength(2);
    expect(Date.now() - started).toBeLessThan(2_000);
  });
});

describe('other statuses and bodies', () => {
  it.each([
    [400, 'bad_request'],
    [403, 'forbidden'],
    [404, 'not_found'],
    [410, 'bad_request'],
  ] as const)('maps HTTP %i to %s without retrying', async (status, kind) => {
    const { client, calls } = setup(() =>
      json({ errorMessages: ["No project could be found with key 'ABC'."], errors: {} }, status),
    );
    expect(await jiraError(client.getProjectStatuses('ABC'))).toMatchObject({ kind, status });
    expect(calls).toHaveLength(1);
  });

  it('reports a body that does not match the schema as bad_response naming the operation', async () => {
    const { client } = setup(() => json([{ id: 3, name: 'Task', statuses: 'oops' }]));
    const error = await jiraError(client.getProjectStatuses('KAN'));
    expect(error.kind).toBe('bad_response');
    expect(error.message).toContain('getProjectStatuses');
    expect(error.issues?.length).toBeGreaterThan(0);
  });

  it('reports a non-JSON 200 as bad_response', async () => {
    const { client } = setup(() => new Response('<html>login</html>', { status: 200 }));
    expect(await jiraError(client.getMyself())).toMatchObject({ kind: 'bad_response' });
  });

  it('survives an onCall observer that throws', async () => {
    const { client } = setup(() => json(myself), {
      onCall: () => {
        throw new Error('observer bug');
      },
    });
    expect((await client.getMyself()).displayName).toBe('Nango Developer');
  });
});

describe('secrecy', () => {
  it('never puts the token or the upstream body in errors or events', async () => {
    const leakyBody = { errorMessages: [`BODY-MARKER ${OLD_TOKEN}`], message: `Bearer ${NEW_TOKEN}` };
    const handlers: FakeHandler[] = [400, 401, 403, 404, 429, 500].map(
      (status) => () => json(leakyBody, status, { 'Retry-After': '60' }),
    );
    handlers.push(() => json({ accountId: 42, displayName: OLD_TOKEN }));
    for (const handler of handlers) {
      const { client, events } = setup(handler);
      const error = await jiraError(client.getMyself());
      const text = [
        error.message,
        error.stack,
        JSON.stringify(error),
        JSON.stringify(error.issues),
        JSON.stringify(events),
      ].join(' ');
      expect(text).not.toContain(OLD_TOKEN);
      expect(text).not.toContain(NEW_TOKEN);
      expect(text).not.toContain('BODY-MARKER');
    }
  });
});
