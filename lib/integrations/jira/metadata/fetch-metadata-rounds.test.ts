// How many sequential round trips a cold metadata read costs on a big-site-shaped Jira (1,050
// projects, 300 statuses, 25 priorities). Counted without timing: every request is held until the
// test answers all those in flight at once; one such answer is one round trip.
import { describe, expect, it } from 'vitest';
import { createJiraClient } from '../client';
import { API_BASE, CLOUD_ID, createFakeFetch, json, type FakeRequest } from '../client/fake-jira.testing';
import { fetchJiraMetadata, METADATA_CONCURRENCY } from './fetch-metadata';
import { readAllPages } from './read-all-pages';

const cat = { id: 2, key: 'new', name: 'To Do', colorName: 'blue-gray' };
const PROJECTS = Array.from({ length: 1050 }, (_, i) => ({ id: String(10_000 + i), key: `P${i}`, name: `Project ${i}`, projectTypeKey: 'software' }));
const STATUSES = Array.from({ length: 300 }, (_, i) => ({ id: String(1 + i), name: `Status ${i}`, statusCategory: 'TODO', scope: { type: 'GLOBAL' } }));
const PRIORITIES = Array.from({ length: 25 }, (_, i) => ({ id: String(1 + i), name: `Priority ${i}` }));

function page(values: unknown[], url: URL, size: number, withTotal = true) {
  const startAt = Number(url.searchParams.get('startAt') ?? 0);
  const maxResults = Math.min(size, Number(url.searchParams.get('maxResults') ?? size));
  const slice = values.slice(startAt, startAt + maxResults);
  const isLast = startAt + slice.length >= values.length;
  return json(withTotal ? { startAt, maxResults, total: values.length, isLast, values: slice } : { startAt, maxResults, values: slice });
}

function answer(request: FakeRequest): Response {
  if (request.route === 'project/search') return page(PROJECTS, request.url, 100);
  if (request.route === 'statuses/search') return page(STATUSES, request.url, 200);
  if (request.route === 'priority/search') return page(PRIORITIES, request.url, 50);
  if (request.route === 'status') return json(STATUSES.map((status) => ({ id: status.id, name: status.name, statusCategory: cat })));
  const key = /^project\/(\w+)\/statuses$/.exec(request.route)?.[1];
  if (key) return json([{ id: '1', name: 'Task', subtask: false, statuses: [{ id: '1', name: 'Status 0', statusCategory: cat }] }]);
  return json({ errorMessages: ['Not found.'], errors: {} }, 404);
}

/** A Jira whose answers wait for `answerRound()`, which answers every request in flight and counts a round. */
function heldJira(respond: (request: FakeRequest) => Response = answer) {
  const held: Array<() => void> = [];
  let rounds = 0;
  const fake = createFakeFetch((request) => new Promise<Response>((resolve) => held.push(() => resolve(respond(request)))));
  const client = createJiraClient({
    apiBaseUrl: API_BASE,
    cloudId: CLOUD_ID,
    getAccessToken: () => Promise.resolve('token'),
    fetch: fake.fetch,
    maxConcurrency: METADATA_CONCURRENCY,
    rateLimit: { maxRetries: 0 },
    upstreamRetryDelayMs: 0,
  });
  // Lets every request the last answers unblock reach the fake (parsing, chaining: no timers involved).
  const settle = async () => {
    for (let quiet = 0, before = -1; quiet < 5; ) {
      await new Promise((resolve) => setImmediate(resolve));
      quiet = held.length === before ? quiet + 1 : 0;
      before = held.length;
    }
  };
  async function run<T>(work: Promise<T>): Promise<T> {
    let done = false;
    const result = work.finally(() => void (done = true));
    for (await settle(); !done; await settle()) {
      if (held.length === 0) break;
      rounds += 1;
      held.splice(0).forEach((release) => release());
    }
    return result;
  }
  return { client, run, rounds: () => rounds, calls: fake.calls };
}

describe('cold metadata read on a big site', () => {
  it('takes 2 sequential round trips on the fast path (first pages, then every other page at once)', async () => {
    const jira = heldJira();
    const metadata = await jira.run(fetchJiraMetadata(jira.client, { grantedScopes: ['manage:jira-configuration'] }));
    expect(metadata.projects).toHaveLength(1050);
    expect(metadata.statuses).toHaveLength(300);
    expect(metadata.priorities).toHaveLength(25);
    expect(jira.rounds()).toBe(2);
    expect(jira.calls.filter((call) => call.route === 'project/search')).toHaveLength(11);
  });

  it('with a 25-project filter, reads the projects in parallel within the same bound of rounds', async () => {
    const jira = heldJira();
    const filter = PROJECTS.slice(0, 25).map((project) => project.key);
    const metadata = await jira.run(fetchJiraMetadata(jira.client, { grantedScopes: ['manage:jira-configuration'], projectKeys: filter }));
    expect(metadata.stats.statusPath).toBe('project_statuses');
    // 25 per-project reads at 4 at a time are 7 rounds; they start at once, beside the page reads.
    expect(jira.rounds()).toBeLessThanOrEqual(7);
  });

  it('falls back to following pages one by one when Jira sends no total', async () => {
    const jira = heldJira((request) => page(PROJECTS, request.url, 100, false));
    const projects = await jira.run(readAllPages('listAllProjects', (startAt) => jira.client.searchProjects({ startAt, maxResults: 100 })));
    expect(projects.map((project) => project.key)).toEqual(PROJECTS.map((project) => project.key));
    expect(jira.rounds()).toBe(11);
  });
});
