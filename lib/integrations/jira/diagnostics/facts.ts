// Everything the rules look at, gathered once per run by gather-facts.ts. Pure types: the rules
// are functions of these facts, so each is table-tested without Atlassian or a database.
import type { connectionStatusEnum } from '@/db/schema';
import type { JiraMetadataStats } from '../metadata/types';
import type { GrantUnusableReason } from '../token-store';

/** The outcome of one call Portico made during the run, classified; never a body or a token. */
export type CallFact<T> =
  | { outcome: 'ok'; value: T }
  | { outcome: 'error'; kind: string; status?: number; rateLimitReason?: string; retryAfterSecs?: number }
  | { outcome: 'skipped' };

/** jira_api_usage counters: one hour's row, or their sum over a window. */
export interface ApiUsageCounts {
  calls: number;
  throttled: number;
  upstreamFailures: number;
  scopeMismatches: number;
  lastThrottledAt: Date | null;
  lastRateLimitReason: string | null;
  lastRateLimitReset: string | null;
  lastRetryAfterSecs: number | null;
  lastScopeMismatchAt: Date | null;
  lastScopeMismatchOperation: string | null;
}

export interface DiagnosticFacts {
  now: Date;
  connection: {
    status: (typeof connectionStatusEnum.enumValues)[number];
    statusReason: string | null;
    cloudId: string | null;
    siteName: string | null;
    projectFilter: string[];
  };
  /** The OAuth app the grant was made with (or, without a grant, the one new consents use). */
  app: {
    /**
     * none: no app at all; retired: the grant's app is no longer configured; unreadable: the
     * organization's app exists but its client secret no longer decrypts (its key was removed).
     */
    state: 'configured' | 'none' | 'retired' | 'unreadable';
    source?: 'platform' | 'organization';
    clientId?: string;
    /**
     * Whether Atlassian accepts the client credentials: from the probe with a made-up code
     * (verify-credentials.ts), or from a token request it already accepted or refused with them
     * (credentials-policy.ts). Without `via`, the probe.
     */
    credentials?: {
      result: 'accepted' | 'rejected' | 'unreachable' | 'unexpected';
      evidence: string;
      via?: 'probe' | 'token_request';
    };
  };
  /** The grant as it was before this run touched it; null when the connection has none. */
  grant: {
    status: 'active' | 'needs_reconnect';
    accountName: string;
    hasRefreshToken: boolean;
    lastRefreshedAt: Date | null;
    lastRefreshFailedAt: Date | null;
    lastRefreshError: string | null;
    createdAt: Date;
    /** The sites Portico records this grant as reaching (empty: recorded before grants had coverage). */
    cloudIds: string[];
  } | null;
  /** Scopes the grant holds after this run's refresh (or as stored, when no refresh happened). */
  grantedScopes: string[];
  /**
   * The run's token: refreshed at Atlassian (forced, proving the grant alive), taken from the store
   * (right after a consent, or within an hour of the last refresh), or why none could be had.
   */
  refresh:
    | {
        outcome: 'ok';
        /** Whether the grant's refresh time moved during this run (this run's refresh, or a concurrent one). */
        refreshed: boolean;
        /** Why no refresh was forced: minutes after a consent, or a refresh under an hour old. */
        notForced?: 'fresh_consent' | 'refreshed_recently';
      }
    | { outcome: 'failed'; reason: GrantUnusableReason }
    | { outcome: 'skipped' };
  /** True when a usable token came out of the store, refreshed or not. */
  tokenAvailable: boolean;
  sites: CallFact<{ id: string; name: string }[]>;
  myself: CallFact<{ displayName: string; active: boolean; accountType: string }>;
  /** Global mypermissions: ADMINISTER (Jira admin) and BROWSE_PROJECTS (in at least one project). */
  permissions: CallFact<{ administer: boolean; browseAny: boolean }>;
  projects: {
    /**
     * project/search with keys = the filter in batches of 50 (or maxResults 1 without keys, to count
     * the site's projects). checkedKeys: the filter keys actually searched (capped); the rest are unchecked.
     */
    search: CallFact<{ foundKeys: string[]; checkedKeys: string[]; siteTotal: number | null }>;
    /** mypermissions BROWSE_PROJECTS per project found, capped (the rest stay unchecked). */
    browse: Record<string, CallFact<boolean>>;
    /** Keys Portico has seen on this site before (metadata cache): missing now means access was lost. */
    knownKeys: string[];
  };
  /** How the last successful metadata read got its statuses (metadata cache stats); null before any. */
  statusRead: (Pick<JiraMetadataStats, 'statusPath' | 'statusSearchRefused' | 'siteStatusesListed'> & { fetchedAt: Date }) | null;
  /** jira_api_usage over the last 24 h. */
  usage: ApiUsageCounts;
  /** Every HTTP round trip of this run's Jira client (operation, status, error kind). */
  runCalls: {
    operation: string;
    status: number;
    errorKind?: string;
    rateLimitReason?: string;
    rateLimitReset?: string;
    retryAfterSecs?: number;
  }[];
  /** The connection's webhooks as Portico recorded them, and whether Atlassian can reach PORTICO_BASE_URL. */
  webhooks: {
    status: 'registered' | 'not_registered' | 'missing_scope' | 'unreachable_base_url' | 'failed';
    reason: string | null;
    expiresAt: Date | null;
    lastDeliveryAt: Date | null;
    deliveriesLast24h: number;
    baseUrl: string;
    /** Null when Atlassian can reach the base URL, else why not (webhooks/base-url-reach.ts). */
    unreachable: string | null;
  };
  consents: {
    callbackUrl: string;
    /**
     * Started in the last 7 days, never came back, expired; newest first, with the app each was
     * started with (null: a state from before apps were recorded, i.e. the platform app).
     */
    abandoned: { startedAt: Date; clientId: string | null }[];
    /** More were abandoned than were read: counts are lower bounds. */
    abandonedCapped: boolean;
    /** Per app, when a consent last came back to the callback (whatever its outcome). */
    returned: { clientId: string | null; at: Date }[];
  };
}

export const EMPTY_USAGE: ApiUsageCounts = {
  calls: 0,
  throttled: 0,
  upstreamFailures: 0,
  scopeMismatches: 0,
  lastThrottledAt: null,
  lastRateLimitReason: null,
  lastRateLimitReset: null,
  lastRetryAfterSecs: null,
  lastScopeMismatchAt: null,
  lastScopeMismatchOperation: null,
};
