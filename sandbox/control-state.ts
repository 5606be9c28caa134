// Test-facing mutable settings: knobs, injected faults and counters.
import type { RateLimit } from './scenarios';
import { emptyWebhookCounters, type WebhookCounters } from './webhooks/dispatcher';

export interface Knobs {
  accessTokenLifetimeSecs: number;
  reuseLeewaySecs: number;
  latencyMs: number;
  clockOffsetSecs: number;
  /** Overrides the scenario's rate limit; null = use the scenario's. */
  rateLimit: RateLimit | null;
}

export const DEFAULT_KNOBS: Knobs = { accessTokenLifetimeSecs: 3600, reuseLeewaySecs: 600, latencyMs: 0, clockOffsetSecs: 0, rateLimit: null };

export interface Fault {
  route: string;
  remaining: number;
  status?: number;
  headers?: Record<string, string>;
  body?: unknown;
  delayMs?: number;
  /** Never answer (the socket stays open until the client gives up or the sandbox closes). */
  timeout?: boolean;
}

/** Where a Jira request sits in the chain of sequential requests, and since which reset. */
export interface JiraRequestPlace {
  depth: number;
  generation: number;
}

export class Counters {
  requests: Record<string, number> = {};
  /** Jira requests per cloudId, then per route template: lets a test assert "0 Jira calls" for one site. */
  requestsBySite: Record<string, Record<string, number>> = {};
  tokenGrants = { authorization_code: 0, refresh_token: 0 };
  refreshes = 0;
  refreshFailures = 0;
  maxConcurrentRefreshes = 0;
  rateLimited = 0;
  faultsInjected = 0;
  inFlightRefreshes = 0;
  /** authorization_code requests with a code the sandbox never issued (credential probes, forgeries). */
  unknownCodeExchanges = 0;
  /** Webhook deliveries sent to apps (webhooks/dispatcher.ts). */
  webhookDeliveries: WebhookCounters = emptyWebhookCounters();
  /**
   * The longest chain of Jira requests each sent after the previous one was answered: the sequential
   * round trips a client spent since the last reset (requests in parallel count once).
   */
  sequentialJiraRequests = 0;
  private answeredDepth = 0;
  /** The most Jira requests in flight at once since the last reset: how many a client sends together. */
  maxConcurrentJiraRequests = 0;
  private jiraInFlight = 0;
  /**
   * Bumped by reset(), which keeps this object: a request started before a reset and answered after it must not
   * extend the new chain (it did, and a bench read 139 "round trips" for 40 requests).
   */
  private generation = 0;

  reset(): void {
    const inFlight = this.inFlightRefreshes;
    const generation = this.generation + 1;
    Object.assign(this, new Counters());
    this.inFlightRefreshes = inFlight;
    this.generation = generation;
  }

  countRequest(route: string, cloudId?: string): void {
    this.requests[route] = (this.requests[route] ?? 0) + 1;
    if (cloudId) {
      const site = (this.requestsBySite[cloudId] ??= {});
      site[route] = (site[route] ?? 0) + 1;
    }
  }

  /** A Jira request arrived: its place in the longest chain so far, to pass to endJiraRequest. */
  startJiraRequest(): JiraRequestPlace {
    const depth = this.answeredDepth + 1;
    this.sequentialJiraRequests = Math.max(this.sequentialJiraRequests, depth);
    this.jiraInFlight += 1;
    this.maxConcurrentJiraRequests = Math.max(this.maxConcurrentJiraRequests, this.jiraInFlight);
    return { depth, generation: this.generation };
  }

  endJiraRequest(place: JiraRequestPlace): void {
    if (place.generation !== this.generation) return;
    this.answeredDepth = Math.max(this.answeredDepth, place.depth);
    this.jiraInFlight -= 1;
  }

  startRefresh(): void {
    this.refreshes++;
    this.inFlightRefreshes++;
    this.maxConcurrentRefreshes = Math.max(this.maxConcurrentRefreshes, this.inFlightRefreshes);
  }

  endRefresh(): void {
    this.inFlightRefreshes--;
  }

  toJSON() {
    return {
      requests: { ...this.requests },
      requestsBySite: Object.fromEntries(Object.entries(this.requestsBySite).map(([k, v]) => [k, { ...v }])),
      tokenGrants: { ...this.tokenGrants },
      refreshes: this.refreshes,
      refreshFailures: this.refreshFailures,
      maxConcurrentRefreshes: this.maxConcurrentRefreshes,
      rateLimited: this.rateLimited,
      faultsInjected: this.faultsInjected,
      unknownCodeExchanges: this.unknownCodeExchanges,
      webhookDeliveries: { ...this.webhookDeliveries },
      sequentialJiraRequests: this.sequentialJiraRequests,
      maxConcurrentJiraRequests: this.maxConcurrentJiraRequests,
    };
  }
}

/** The counters as `GET /__sandbox/counters` reports them. */
export type CountersSnapshot = ReturnType<Counters['toJSON']>;

/** A fault's route matches the counter key (e.g. `project/search`), the concrete path, or a `*` glob. */
export function faultMatches(pattern: string, routeKey: string, concretePath: string): boolean {
  if (pattern === routeKey || pattern === concretePath) return true;
  if (!pattern.includes('*')) return false;
  const regex = new RegExp(`^${pattern.split('*').map((p) => p.replace(/[.+?^${}()|[\]\\]/g, '\\$&')).join('.*')}$`);
  return regex.test(routeKey) || regex.test(concretePath);
}
