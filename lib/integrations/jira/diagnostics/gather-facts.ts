import 'server-only';
import { getApiUsageSince } from '@/db/queries/jira-api-usage';
import {
  getConsentHistory,
  getDiagnosticSubject,
  getGrantAfterRefresh,
  listKnownProjectKeys,
} from '@/db/queries/jira-diagnostics';
import { env } from '@/lib/config/env';
import { getAccessibleResources, type JiraCallEvent } from '../client';
import { jiraClientForTarget } from '../connection-client';
import { callbackUrl } from '../oauth/config';
import { getAccessToken, GrantUnusableError } from '../token-store';
import { flushJiraUsage } from '../usage-recorder';
import { getMetadataCacheRow } from '@/db/queries/jira-metadata';
import { callFact } from './call-fact';
import { EMPTY_USAGE, type ApiUsageCounts, type CallFact, type DiagnosticFacts } from './facts';
import { probeApp } from './probe-app';
import type { RefreshDecision } from './refresh-policy';
import { searchFilter } from './search-filter';
import { getWebhookOverview } from '../webhooks/webhook-overview';
import { baseUrlReach, describeBaseUrlReach } from '../webhooks/base-url-reach';
import { summarizeUsage } from './summarize-usage';

export type DiagnosticSubject = NonNullable<Awaited<ReturnType<typeof getDiagnosticSubject>>>;

/**
 * Per attempt; one retry of a 429 when its Retry-After is short (a burst limit passes in seconds, an
 * hourly quota does not, so longer waits fail fast and the Rate limits check reports them); one quick
 * 5xx retry. A run answers in seconds even when Jira does not.
 */
const CALL_BOUNDS = {
  timeoutMs: 8_000,
  rateLimit: { maxRetries: 1, maxWaitSecs: 5 },
  upstreamRetryDelayMs: 200,
};
/** Per-project permission checks stop after this many (the rest stay unchecked). */
const MAX_BROWSE_CHECKS = 10;

/** Everything the rules need, in a handful of bounded calls made in parallel where they can be. */
export async function gatherFacts(
  orgId: string,
  subject: DiagnosticSubject,
  options: { refresh: RefreshDecision; now?: Date; verifyCredentials?: boolean },
): Promise<DiagnosticFacts> {
  const now = options.now ?? new Date();
  const runCalls: DiagnosticFacts['runCalls'] = [];
  const observe = (event: JiraCallEvent) =>
    runCalls.push({
      operation: event.operation,
      status: event.status,
      errorKind: event.errorKind,
      rateLimitReason: event.rateLimitReason,
      rateLimitReset: event.rateLimitReset,
      retryAfterSecs: event.retryAfterSecs,
    });
  const authorized =
    subject.status !== 'pending_authorization' &&
    subject.status !== 'disconnected' &&
    Boolean(subject.cloudId && subject.grantId && subject.grant);

  // Usage is read before this run adds its own calls (the rules add those from runCalls).
  const [usage, consents, knownKeys, statusRead, token, webhookOverview] = await Promise.all([
    authorized ? readUsage(orgId, subject.id, now) : EMPTY_USAGE,
    getConsentHistory(orgId, subject.id),
    authorized ? listKnownProjectKeys(orgId, subject.id) : [],
    readStatusPath(orgId, subject.id),
    authorized
      ? refreshGrant(orgId, subject.grantId!, options.refresh)
      : { refresh: { outcome: 'skipped' as const }, token: undefined },
    getWebhookOverview(orgId, subject.id),
  ]);
  const baseUrl = env().PORTICO_BASE_URL;
  // After the refresh: a refresh Atlassian just accepted proves the client credentials (no probe).
  const app = await probeApp(orgId, subject.grant?.clientId, {
    verifyRequested: options.verifyCredentials === true,
    refreshFailure: token.refresh.outcome === 'failed' ? token.refresh.reason : undefined,
  });
  const after = subject.grantId ? await getGrantAfterRefresh(orgId, subject.grantId) : undefined;
  const grantedScopes = after?.scopes ?? subject.grantedScopes;
  // Refreshed during this run: the grant's refresh time moved, whoever made the request.
  const before = subject.grant?.lastRefreshedAt?.getTime();
  const moved = Boolean(after?.lastRefreshedAt && after.lastRefreshedAt.getTime() !== before);
  const refresh = token.refresh.outcome === 'ok' ? { ...token.refresh, refreshed: moved } : token.refresh;

  const facts: DiagnosticFacts = {
    now,
    connection: {
      status: subject.status,
      statusReason: subject.statusReason,
      cloudId: subject.cloudId,
      siteName: subject.siteName,
      projectFilter: subject.projectFilter,
    },
    app,
    grant: subject.grant,
    grantedScopes,
    refresh,
    tokenAvailable: token.token !== undefined,
    sites: { outcome: 'skipped' },
    myself: { outcome: 'skipped' },
    permissions: { outcome: 'skipped' },
    projects: { search: { outcome: 'skipped' }, browse: {}, knownKeys },
    statusRead,
    usage,
    runCalls,
    consents: { callbackUrl: callbackUrl(), ...consents },
    webhooks: { ...webhookOverview, baseUrl, unreachable: describeBaseUrlReach(baseUrlReach(baseUrl, env().ATLASSIAN_API_URL), baseUrl) },
  };
  if (!authorized || token.token === undefined) return facts;

  // After a failed refresh the calls use the stored token as it is: one refresh attempt per run.
  const client = jiraClientForTarget(orgId, subject, {
    ...CALL_BOUNDS,
    onCall: observe,
    allowRefresh: token.refresh.outcome === 'ok',
  });
  const [sites, myself, permissions, search] = await Promise.all([
    callFact(async () =>
      (
        await getAccessibleResources(env().ATLASSIAN_API_URL, token.token!, undefined, {
          timeoutMs: CALL_BOUNDS.timeoutMs,
          rateLimit: CALL_BOUNDS.rateLimit,
          onCall: observe,
        })
      ).map((site) => ({ id: site.id, name: site.name })),
    ),
    callFact(async () => {
      const user = await client.getMyself();
      return { displayName: user.displayName, active: user.active, accountType: user.accountType };
    }),
    callFact(async () => {
      const held = await client.getMyPermissions({ permissions: ['ADMINISTER', 'BROWSE_PROJECTS'] });
      return {
        administer: held.ADMINISTER?.havePermission === true,
        browseAny: held.BROWSE_PROJECTS?.havePermission === true,
      };
    }),
    callFact(async () => searchFilter(client, subject.projectFilter)),
  ]);
  const browse: Record<string, CallFact<boolean>> = {};
  if (search.outcome === 'ok') {
    const keys = search.value.foundKeys.slice(0, MAX_BROWSE_CHECKS);
    const answers = await Promise.all(
      keys.map((key) =>
        callFact(
          async () =>
            (await client.getMyPermissions({ permissions: ['BROWSE_PROJECTS'], projectKey: key })).BROWSE_PROJECTS
              ?.havePermission === true,
        ),
      ),
    );
    keys.forEach((key, index) => (browse[key] = answers[index]!));
  }
  return { ...facts, sites, myself, permissions, projects: { search, browse, knownKeys } };
}

/**
 * A forced refresh proves the grant is alive now (and resets Atlassian's 90-day idle clock); right
 * after a consent, or within an hour of the last refresh, that proof exists already (refresh-policy.ts).
 * When Atlassian is only unavailable, the stored access token may still serve the other checks.
 */
async function refreshGrant(
  orgId: string,
  grantId: string,
  decision: RefreshDecision,
): Promise<{ refresh: DiagnosticFacts['refresh']; token?: string }> {
  try {
    const token = await getAccessToken(orgId, grantId, { forceRefresh: decision.force });
    // `refreshed` is settled once the grant is read back (gatherFacts).
    return {
      refresh: { outcome: 'ok', refreshed: false, ...(decision.force ? {} : { notForced: decision.reason }) },
      token,
    };
  } catch (error) {
    if (!(error instanceof GrantUnusableError)) throw error;
    const refresh = { outcome: 'failed' as const, reason: error.reason };
    if (error.reason !== 'atlassian_unavailable' && error.reason !== 'rate_limited') return { refresh };
    // The stored token while it lasts; never a second refresh (another timeout, another failure count).
    try {
      return { refresh, token: await getAccessToken(orgId, grantId, { allowRefresh: false }) };
    } catch {
      return { refresh };
    }
  }
}

async function readUsage(orgId: string, connectionId: string, now: Date): Promise<ApiUsageCounts> {
  await flushJiraUsage();
  const since = new Date(Math.floor((now.getTime() - 24 * 3_600_000) / 3_600_000) * 3_600_000);
  return summarizeUsage(await getApiUsageSince(orgId, connectionId, since));
}

/** The stored stats of the last successful metadata read: what Portico actually did to read statuses. */
async function readStatusPath(orgId: string, connectionId: string): Promise<DiagnosticFacts['statusRead']> {
  const row = await getMetadataCacheRow(orgId, connectionId);
  if (!row?.stats || !row.fetchedAt) return null;
  const { statusPath, statusSearchRefused, siteStatusesListed } = row.stats;
  return { statusPath, statusSearchRefused, siteStatusesListed, fetchedAt: row.fetchedAt };
}
