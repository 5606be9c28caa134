import type { Page } from '@playwright/test';
import { expireAccessTokens, holdSyncSoPreviewsCallJira } from './db';
import { E2E, SANDBOX_SITES } from './env';
import { expect, test } from './fixtures';
import type { LeakCapture } from './leak-capture';
import { connectSite } from './jira';

/**
 * Token refresh is single-flight across server processes: two Portico instances (ports 3100 and
 * 3101, started by the webServer with --instances 2) share one database, and a burst of requests
 * that each need a Jira call produces exactly one refresh at Atlassian.
 */
const BURST = 100;

async function burst(page: Page, leakCapture: LeakCapture, connectionId: string) {
  // The session cookie is host-only for `localhost`, and cookies ignore ports: both instances get it.
  // Mapping previews, one Jira search each (the sync is held, so they count in Jira rather than from
  // synced tickets): connection checks would not do, as a burst of them is coalesced into one Jira call per connection. A project filter, since Jira refuses an unbounded search.
  const responses = await Promise.all(
    Array.from({ length: BURST }, (_, index) => {
      const instance = E2E.instanceUrls[index % 2]!;
      return page.request.post(`${instance}/api/integrations/jira/connections/${connectionId}/preview`, {
        headers: { origin: instance },
        data: { projectFilter: ['PLAT'], statusIds: [] },
      });
    }),
  );
  await Promise.all(responses.map((response) => leakCapture.recordApi(response)));
  const results = await Promise.all(responses.map(async (response) => ({ status: response.status(), body: await response.json() })));
  return results;
}

test.beforeAll(async () => {
  // Playwright waits for the first instance; make sure the second one answers too.
  await expect.poll(async () => (await fetch(`${E2E.instanceUrls[1]}/sign-in`).catch(() => undefined))?.status).toBe(200);
});

test(`with a short token lifetime, ${BURST} concurrent Jira calls over two instances make exactly one refresh`, async ({
  orgAdmin: page,
  org,
  database,
  sandbox,
  leakCapture,
}) => {
  // Every token lives 30 s, below Portico's usual 60 s refresh margin, and the burst starts with the
  // connect's token expired: the first caller refreshes, the other 99 must reuse its 30 s token.
  await sandbox.knobs({ accessTokenLifetimeSecs: 30 });
  const connectionId = await connectSite(page, SANDBOX_SITES.main.host);
  await holdSyncSoPreviewsCallJira(database, connectionId);
  await expireAccessTokens(database, org.id);
  await sandbox.resetCounters();

  const results = await burst(page, leakCapture, connectionId);
  expect(results.filter((result) => result.status !== 200 || !Array.isArray(result.body.issues))).toEqual([]);
  const counters = await sandbox.counters();
  expect(counters).toMatchObject({ refreshes: 1, refreshFailures: 0, maxConcurrentRefreshes: 1, tokenGrants: { refresh_token: 1 } });
  expect(counters.requests['search/jql']).toBe(BURST);
});

test(`when Atlassian expires the token before Portico expected, ${BURST} concurrent Jira calls over two instances make exactly one refresh`, async ({
  orgAdmin: page,
  database,
  sandbox,
  leakCapture,
}) => {
  const connectionId = await connectSite(page, SANDBOX_SITES.main.host);
  await holdSyncSoPreviewsCallJira(database, connectionId);
  // An hour later at Atlassian only: Portico still holds a token it believes valid, Atlassian answers 401.
  await sandbox.knobs({ advanceClockSecs: 3_700 });
  await sandbox.resetCounters();

  const results = await burst(page, leakCapture, connectionId);
  expect(results.filter((result) => result.status !== 200 || !Array.isArray(result.body.issues))).toEqual([]);
  const counters = await sandbox.counters();
  expect(counters).toMatchObject({ refreshes: 1, refreshFailures: 0, maxConcurrentRefreshes: 1, tokenGrants: { refresh_token: 1 } });
  // Each call that went out with the expired token was retried once with the new one.
  expect(counters.requests['search/jql']).toBeGreaterThan(BURST);
  expect(counters.requests['search/jql']).toBeLessThanOrEqual(2 * BURST);
});
