import { afterEach, describe, expect, it } from 'vitest';
import { captureLogs } from '@/lib/observability/capture-logs.testing';
import { JiraError } from './errors';
import { API_BASE, CLOUD_ID, json } from './fake-jira.testing';
import { createJiraClient } from './jira-client';

// Header names and shapes as in the recorded api.atlassian.com responses (response-headers.*.recorded.json).
const ATLASSIAN_IDS = {
  'x-arequestid': 'd67f54e51bcb6f14c315403f525e216e',
  'atl-traceid': '40ac37f041d54967b3c2fb5bb663f5bf',
};
const TOKEN = 'at-secret-5e5e';

let logs: ReturnType<typeof captureLogs> | undefined;
afterEach(() => logs?.restore());

function client(response: () => Response) {
  return createJiraClient({
    apiBaseUrl: API_BASE,
    cloudId: CLOUD_ID,
    getAccessToken: () => Promise.resolve(TOKEN),
    fetch: () => Promise.resolve(response()),
    upstreamRetryDelayMs: 1,
  });
}

describe('Atlassian request ids on Jira failures', () => {
  it('attaches them to the JiraError and to the warn line of each failed attempt, without the token', async () => {
    logs = captureLogs();
    const error = await client(() => json({ errorMessages: ['nope'] }, 403, ATLASSIAN_IDS))
      .getMyself()
      .catch((caught: unknown) => caught);
    expect(error).toBeInstanceOf(JiraError);
    expect(error).toMatchObject({
      kind: 'forbidden',
      atlassianRequestId: ATLASSIAN_IDS['x-arequestid'],
      atlassianTraceId: ATLASSIAN_IDS['atl-traceid'],
    });
    const line = logs.lines.find((entry) => entry.msg === 'jira call failed');
    expect(line).toMatchObject({
      level: 40,
      jiraCall: {
        operation: 'getMyself',
        status: 403,
        errorKind: 'forbidden',
        atlassianRequestId: ATLASSIAN_IDS['x-arequestid'],
        atlassianTraceId: ATLASSIAN_IDS['atl-traceid'],
      },
    });
    expect(logs.raw.join('\n')).not.toContain(TOKEN);
  });

  it('keeps only id-shaped values: a header carrying anything else is dropped', async () => {
    const error = await client(() =>
      json({}, 500, { 'x-arequestid': 'id with spaces', 'atl-traceid': 'x'.repeat(200) }),
    )
      .getMyself()
      .catch((caught: unknown) => caught as JiraError);
    expect(error).toMatchObject({ kind: 'upstream' });
    expect((error as JiraError).atlassianRequestId).toBeUndefined();
    expect((error as JiraError).atlassianTraceId).toBeUndefined();
  });
});
