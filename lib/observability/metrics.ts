import client, { type Counter, type Gauge, type Histogram } from 'prom-client';

/*
 * Prometheus series of this process, on prom-client's default registry. Each Portico instance has its
 * own registry: scrape every instance (the counters add up across them). Next's dev server reloads
 * modules, so each metric is looked up before it is created: registering a name twice throws.
 */

const registry = client.register;

function once<T>(name: string, create: () => T): T {
  return (registry.getSingleMetric(name) as T | undefined) ?? create();
}

const globalForMetrics = globalThis as unknown as { porticoDefaultMetrics?: boolean };
if (!globalForMetrics.porticoDefaultMetrics) {
  globalForMetrics.porticoDefaultMetrics = true;
  client.collectDefaultMetrics({ register: registry, prefix: 'portico_' });
}

export const httpRequestDuration: Histogram<'route' | 'method' | 'status'> = once(
  'portico_http_request_duration_seconds',
  () =>
    new client.Histogram({
      name: 'portico_http_request_duration_seconds',
      help: 'Route handler latency, by route pattern, method and status.',
      labelNames: ['route', 'method', 'status'],
      buckets: [0.01, 0.025, 0.05, 0.1, 0.25, 0.5, 1, 2.5, 5, 10, 30],
    }),
);

export const jiraCalls: Counter<'operation' | 'outcome'> = once(
  'portico_jira_calls_total',
  () =>
    new client.Counter({
      name: 'portico_jira_calls_total',
      help: 'HTTP round trips to Jira, by operation and outcome (`ok` or the error kind).',
      labelNames: ['operation', 'outcome'],
    }),
);

export const tokenRefreshes: Counter<'outcome'> = once(
  'portico_token_refreshes_total',
  () =>
    new client.Counter({
      name: 'portico_token_refreshes_total',
      help: 'Refresh-token requests to Atlassian, by outcome (`ok` or the token endpoint failure kind).',
      labelNames: ['outcome'],
    }),
);

export const tokenFailures: Counter<'reason'> = once(
  'portico_token_failures_total',
  () =>
    new client.Counter({
      name: 'portico_token_failures_total',
      help: 'Access tokens that could not be handed out, by reason (needs_reconnect, not_connected, …).',
      labelNames: ['reason'],
    }),
);

export const jobQueueDepth: Gauge<'queue' | 'state'> = once(
  'portico_job_queue_depth',
  () =>
    new client.Gauge({
      name: 'portico_job_queue_depth',
      help: 'Background jobs by queue and state (created, retry, active, failed), read from the job engine at scrape time.',
      labelNames: ['queue', 'state'],
    }),
);

/** `depths`: the job engine's queues, counted by the caller (the metrics route) at scrape time. */
export async function renderMetrics(
  depths: readonly { queue: string; state: string; count: number }[],
): Promise<{ contentType: string; body: string }> {
  // A queue that emptied since the last scrape reads 0, not its old value.
  jobQueueDepth.reset();
  for (const { queue, state, count } of depths) jobQueueDepth.set({ queue, state }, count);
  return { contentType: registry.contentType, body: await registry.metrics() };
}
