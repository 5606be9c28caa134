import { describe, expect, it } from 'vitest';

import { API_BASE, CLOUD_ID, createFakeFetch, json, loadRecorded, type FakeHandler } from './fake-jira.testing';
import { createJiraClient } from './jira-client';

const projectStatuses = loadRecorded('project-statuses.v2-cloud.recorded.json');
const keys = Array.from({ length: 10 }, (_, i) => `P${i}`);

function trackingHandler(respond: (projectKey: string) => Response) {
  const state = { inFlight: 0, maxInFlight: 0 };
  const handler: FakeHandler = async ({ route }) => {
    state.inFlight += 1;
    state.maxInFlight = Math.max(state.maxInFlight, state.inFlight);
    await new Promise((resolve) => setTimeout(resolve, 5));
    state.inFlight -= 1;
    return respond(route.split('/')[1]!);
  };
  return { handler, state };
}

function clientWith(handler: FakeHandler, maxConcurrency?: number, getAccessToken = () => Promise.resolve('token')) {
  const fake = createFakeFetch(handler);
  return {
    client: createJiraClient({
      apiBaseUrl: API_BASE,
      cloudId: CLOUD_ID,
      fetch: fake.fetch,
      getAccessToken,
      maxConcurrency,
    }),
    calls: fake.calls,
  };
}

describe('getStatusesForProjects', () => {
  it.each([
    [undefined, 4],
    [2, 2],
  ])('keeps at most maxConcurrency=%s requests in flight (expect %i)', async (maxConcurrency, expected) => {
    const { handler, state } = trackingHandler(() => json(projectStatuses));
    const { client, calls } = clientWith(handler, maxConcurrency);
    const results = await client.getStatusesForProjects(keys);
    expect(results.every((result) => result.ok)).toBe(true);
    expect(calls).toHaveLength(10);
    expect(state.maxInFlight).toBe(expected);
  });

  it('returns per-project errors instead of failing the whole batch', async () => {
    const { handler } = trackingHandler((key) =>
      key === 'P3'
        ? json({ errorMessages: ['No project could be found with key.'], errors: {} }, 404)
        : json(projectStatuses),
    );
    const { client } = clientWith(handler);
    const results = await client.getStatusesForProjects(['P1', 'P3', 'P1', 'P5']);
    expect(results.map((result) => [result.projectKey, result.ok])).toEqual([
      ['P1', true],
      ['P3', false],
      ['P5', true],
    ]);
    const failed = results[1]!;
    expect(failed.ok === false && failed.error.kind).toBe('not_found');
    const succeeded = results[0]!;
    expect(succeeded.ok && succeeded.issueTypes[0]!.statuses.length).toBeGreaterThan(0);
  });

  it('rethrows a failure of getAccessToken, which affects every project alike', async () => {
    const refreshFailure = new Error('token_refresh_failed');
    const { client } = clientWith(
      () => json(projectStatuses),
      undefined,
      () => Promise.reject(refreshFailure),
    );
    await expect(client.getStatusesForProjects(['P1', 'P2'])).rejects.toBe(refreshFailure);
  });
});
