// Sends webhook deliveries the way Jira Cloud does for OAuth 2.0 apps: a POST of the JSON body to the app's one
// registered URL, signed with a JWT (HS256, the app's client secret; docs/decisions/015-jira-webhooks.md), with
// X-Atlassian-Webhook-Identifier (the same on every retry) and X-Atlassian-Webhook-Retry (0, then 1, 2, …).
// Retries follow Atlassian's published policy (community.developer.atlassian.com "New Jira Cloud Webhook Retry
// Policy", developer.atlassian.com/cloud/jira/platform/webhooks/#retry-policy): only on 408, 409, 425, 429, 5xx,
// a failed connection or a timeout, with back-off, finished well within the documented 30 minutes.
//
// Sending is asynchronous (never inside the control request that caused it); `flush()` sends everything queued,
// retries included without waiting out their back-off, and resolves once nothing is queued or in flight, so tests
// await deliveries deterministically. Faults (POST /__sandbox/webhook-faults) drop, delay or duplicate deliveries.
import { randomUUID } from 'node:crypto';
import { SignJWT } from 'jose';
import { sandboxLogger } from '../log';

/** Back-off before retry 1…5: 10 s, 20 s, 40 s, 80 s, 160 s (about 5 minutes in all). */
export const RETRY_DELAYS_MS = [10_000, 20_000, 40_000, 80_000, 160_000];
const RETRYABLE = new Set([408, 409, 425, 429]);
const CONCURRENCY = 4;
const TIMEOUT_MS = 10_000;
const LOG_LIMIT = 1000;
const JWT_LIFETIME_SECS = 180;

export interface WebhookFaults {
  /** 0..1: this share of deliveries is lost (never sent), deterministically (every 1/fraction-th). */
  dropFraction: number;
  /** Every delivery's first attempt waits this long. */
  delayMs: number;
  /** Every delivery is sent twice (same identifier, both as retry 0), as when Jira's acknowledgement is lost. */
  duplicate: boolean;
}

export const NO_WEBHOOK_FAULTS: WebhookFaults = { dropFraction: 0, delayMs: 0, duplicate: false };

export interface WebhookCounters {
  /** Deliveries created (one per app per issue event), before faults. */
  created: number;
  /** HTTP attempts made, retries and duplicates included. */
  attempted: number;
  /** Deliveries that got a 2xx (a duplicate counts again). */
  delivered: number;
  /** Deliveries lost to the drop fault. */
  dropped: number;
  duplicated: number;
  retried: number;
  /** Deliveries that ended without a 2xx (retries spent, or an answer Jira does not retry). */
  failed: number;
}

export const emptyWebhookCounters = (): WebhookCounters => ({ created: 0, attempted: 0, delivered: 0, dropped: 0, duplicated: 0, retried: 0, failed: 0 });

export interface OutgoingDelivery {
  clientId: string;
  url: string;
  webhookEvent: string;
  issueKey: string;
  matchedWebhookIds: number[];
  body: Record<string, unknown>;
}

interface Delivery extends OutgoingDelivery {
  identifier: string;
  /** Retries made so far (the X-Atlassian-Webhook-Retry of the next attempt). */
  retry: number;
  dueAt: number;
  outcome: 'pending' | 'delivered' | 'failed' | 'dropped';
  statuses: number[];
}

export interface DispatcherHost {
  secretFor(clientId: string): string | undefined;
  counters(): WebhookCounters;
}

export class WebhookDispatcher {
  faults: WebhookFaults = { ...NO_WEBHOOK_FAULTS };
  private dropCredit = 0;
  private queue: Delivery[] = [];
  private inFlight = new Set<Promise<void>>();
  private timer: NodeJS.Timeout | null = null;
  private log: Delivery[] = [];
  private generation = 0;

  constructor(private host: DispatcherHost) {}

  enqueue(outgoing: OutgoingDelivery): void {
    const counters = this.host.counters();
    counters.created++;
    const delivery: Delivery = { ...outgoing, identifier: randomUUID(), retry: 0, dueAt: Date.now() + this.faults.delayMs, outcome: 'pending', statuses: [] };
    this.remember(delivery);
    this.dropCredit += this.faults.dropFraction;
    if (this.dropCredit >= 1 - 1e-9) {
      this.dropCredit -= 1;
      delivery.outcome = 'dropped';
      counters.dropped++;
      return;
    }
    this.queue.push(delivery);
    if (this.faults.duplicate) {
      counters.duplicated++;
      this.queue.push({ ...delivery, statuses: delivery.statuses });
    }
    this.schedule(0);
  }

  /** Sends every queued delivery now (retries without their back-off) and waits until none is left. */
  async flush(): Promise<void> {
    // Bounded: every attempt times out after 10 s and a delivery has at most 6 attempts.
    for (;;) {
      for (const d of this.queue) d.dueAt = Math.min(d.dueAt, Date.now());
      this.pump();
      if (this.inFlight.size === 0) return;
      await Promise.race(this.inFlight);
    }
  }

  recent(): Array<Omit<Delivery, 'body' | 'dueAt'>> {
    return this.log.map(({ body: _b, dueAt: _d, ...d }) => ({ ...d, statuses: [...d.statuses] }));
  }

  pending(): number {
    return this.queue.length + this.inFlight.size;
  }

  /** Forgets everything queued (sandbox reset or close); attempts already on the wire finish unobserved. */
  reset(): void {
    this.generation++;
    if (this.timer) clearTimeout(this.timer);
    this.timer = null;
    this.queue = [];
    this.inFlight.clear();
    this.log = [];
    this.faults = { ...NO_WEBHOOK_FAULTS };
    this.dropCredit = 0;
  }

  private remember(d: Delivery): void {
    this.log.push(d);
    if (this.log.length > LOG_LIMIT) this.log.splice(0, this.log.length - LOG_LIMIT);
  }

  private schedule(delayMs: number): void {
    if (this.timer) clearTimeout(this.timer);
    this.timer = setTimeout(() => {
      this.timer = null;
      this.pump();
    }, Math.max(0, delayMs));
    this.timer.unref();
  }

  private pump(): void {
    const now = Date.now();
    this.queue.sort((a, b) => a.dueAt - b.dueAt);
    while (this.inFlight.size < CONCURRENCY && this.queue[0] && this.queue[0].dueAt <= now) {
      const d = this.queue.shift()!;
      const generation = this.generation;
      const attempt = this.attempt(d, generation).finally(() => {
        this.inFlight.delete(attempt);
        if (generation === this.generation) this.pump();
      });
      this.inFlight.add(attempt);
    }
    const next = this.queue[0];
    if (next && this.inFlight.size < CONCURRENCY) this.schedule(next.dueAt - now);
  }

  private async attempt(d: Delivery, generation: number): Promise<void> {
    const secret = this.host.secretFor(d.clientId);
    const counters = this.host.counters();
    if (secret === undefined) {
      d.outcome = 'failed';
      counters.failed++;
      return;
    }
    counters.attempted++;
    let status = 0;
    try {
      const iat = Math.floor(Date.now() / 1000);
      const jwt = await new SignJWT({})
        .setProtectedHeader({ alg: 'HS256', typ: 'JWT' })
        .setIssuer(d.clientId)
        .setIssuedAt(iat)
        .setExpirationTime(iat + JWT_LIFETIME_SECS)
        .sign(new TextEncoder().encode(secret));
      const res = await fetch(d.url, {
        method: 'POST',
        headers: {
          'content-type': 'application/json',
          authorization: `Bearer ${jwt}`,
          'x-atlassian-webhook-identifier': d.identifier,
          'x-atlassian-webhook-retry': String(d.retry),
          'x-atlassian-webhook-flow': 'Primary',
          'user-agent': 'Atlassian Webhook HTTP Client (sandbox)',
        },
        body: JSON.stringify(d.body),
        redirect: 'manual',
        signal: AbortSignal.timeout(TIMEOUT_MS),
      });
      status = res.status;
      await res.arrayBuffer().catch(() => undefined);
    } catch (error) {
      sandboxLogger().debug({ err: error, identifier: d.identifier }, 'sandbox: webhook delivery attempt failed');
    }
    if (generation !== this.generation) return;
    d.statuses.push(status);
    if (status >= 200 && status < 300) {
      d.outcome = 'delivered';
      counters.delivered++;
      return;
    }
    const retryable = status === 0 || status >= 500 || RETRYABLE.has(status);
    const delay = RETRY_DELAYS_MS[d.retry];
    if (!retryable || delay === undefined) {
      d.outcome = 'failed';
      counters.failed++;
      return;
    }
    counters.retried++;
    d.retry++;
    d.dueAt = Date.now() + delay;
    this.queue.push(d);
  }
}
