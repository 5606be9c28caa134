import 'server-only';
import { NextResponse } from 'next/server';
import { getDb } from '@/db/client';
import { insertDelivery, touchLastDelivery } from '@/db/queries/jira-webhook-deliveries';
import { clientIp } from '@/lib/http/client-ip';
import { jsonError } from '@/lib/http/json';
import { readLimitedJson } from '@/lib/http/read-limited-json';
import { enqueue } from '@/lib/jobs/enqueue';
import { ensureQueue } from '@/lib/jobs/job-client';
import { bindLogContext, log } from '@/lib/observability/request-context';
import { createLimiter, type Limiter } from '@/lib/rate-limit/limiter';
import { webhookDeliveryJob } from './delivery-job';
import { deliveryBodySchema, deliveryIdentifierSchema, siteHostOf, trimPayload, type DeliveryBody } from './delivery-schema';
import { routeDelivery } from './route-delivery';
import { bearerToken } from './verify-delivery';

/** Jira's issue payloads carry every field of the issue; a megabyte is far beyond a real one. */
export const MAX_DELIVERY_BYTES = 1024 * 1024;

/**
 * Refused deliveries are counted per client address (in PostgreSQL, across instances): past the limit an
 * address gets 429 before any parsing or lookup. Generous, because Atlassian's egress addresses are shared by
 * every site: a legitimate sender only fails here when an app's secret changed.
 */
export const REFUSED_DELIVERY_LIMIT = { name: 'jira_webhook_refused_address', points: 300, durationSecs: 60, blockSecs: 60 } as const;

let limiter: Limiter | undefined;
const refusals = () => (limiter ??= createLimiter(getDb(), REFUSED_DELIVERY_LIMIT));

/**
 * POST /api/webhooks/jira: check, route, store and enqueue; the work itself runs in the job. Answers 202 once
 * the delivery is stored (200 for a retry already stored), 401 for a missing or wrong signature, 400/413/415
 * for a body Portico cannot read. Hostile input never reaches a write: every check comes before the store.
 */
export async function receiveDelivery(request: Request): Promise<NextResponse> {
  const address = clientIp(request.headers);
  const token = bearerToken(request.headers.get('authorization'));
  if (!token) return refuse(address, 401);
  const blocked = await refusals().peek(address);
  if (!blocked.allowed) return tooMany(blocked.retryAfterSecs);

  const read = await readBody(request);
  if ('status' in read) return refuse(address, read.status);
  const identifier = deliveryIdentifierSchema.safeParse(request.headers.get('x-atlassian-webhook-identifier'));
  if (!identifier.success) return refuse(address, 400);
  const body = read.body;

  const verdict = await routeDelivery(token, body.matchedWebhookIds, siteHostOf(body));
  if (verdict.kind === 'unauthenticated') return refuse(address, 401);
  // Signed, but for no connection here (a webhook left behind): accepted so Atlassian does not retry it.
  if (verdict.kind === 'unrouted') return accepted(1);

  // Before any transaction: the first enqueue of a process creates the queue over another pool connection,
  // and a burst of transactions each waiting for one more connection would exhaust the pool (seen at start-up).
  await ensureQueue(webhookDeliveryJob);
  let stored = 0;
  const receivedAt = new Date();
  for (const route of verdict.routes) {
    bindLogContext({ orgId: route.organizationId, connectionId: route.connectionId });
    const isNew = await getDb().transaction(async (tx) => {
      const deliveryId = await insertDelivery(tx, route.organizationId, route.connectionId, {
        identifier: identifier.data,
        webhookEvent: body.webhookEvent,
        issueId: body.issue.id,
        payload: trimPayload(body),
      });
      if (deliveryId) {
        await enqueue(webhookDeliveryJob, { organizationId: route.organizationId, connectionId: route.connectionId, deliveryId }, { tx });
      }
      return deliveryId !== null;
    });
    await touchLastDelivery(route.organizationId, route.connectionId, receivedAt);
    if (isNew) stored += 1;
  }
  return accepted(stored);
}

const MESSAGES: Record<number, [string, string]> = {
  400: ['invalid_delivery', 'The body is not a Jira issue webhook delivery Portico accepts.'],
  401: ['unauthenticated', 'The delivery is not signed by the OAuth app that registered this webhook.'],
  413: ['payload_too_large', `The body is larger than ${MAX_DELIVERY_BYTES / 1024} KiB.`],
  415: ['unsupported_media_type', 'Send the delivery as JSON with Content-Type: application/json.'],
};

async function refuse(address: string, status: 400 | 401 | 413 | 415): Promise<NextResponse> {
  const verdict = await refusals().take(address);
  if (!verdict.allowed) return tooMany(verdict.retryAfterSecs);
  log().info({ status }, 'jira webhook delivery refused');
  const [code, message] = MESSAGES[status]!;
  const response = jsonError(status, code, message);
  if (status === 401) response.headers.set('WWW-Authenticate', 'Bearer');
  return response;
}

function tooMany(retryAfterSecs: number): NextResponse {
  const response = jsonError(429, 'rate_limited', `Too many refused deliveries from this address. Wait ${retryAfterSecs} seconds.`);
  response.headers.set('Retry-After', String(retryAfterSecs));
  return response;
}

// A retry of a stored delivery gets 200 (nothing new), a new one 202 (queued). Neither says for whom.
const accepted = (stored: number) => NextResponse.json({ received: true }, { status: stored > 0 ? 202 : 200, headers: { 'Cache-Control': 'no-store' } });

async function readBody(request: Request): Promise<{ body: DeliveryBody } | { status: 400 | 413 | 415 }> {
  // The console's capped JSON reader (415, 413 while streaming, 400); text the database cannot store is a 400 here.
  const read = await readLimitedJson(request, MAX_DELIVERY_BYTES);
  if ('response' in read) {
    const { status } = read.response;
    return { status: status === 413 || status === 415 ? status : 400 };
  }
  const parsed = deliveryBodySchema.safeParse(read.body);
  return parsed.success ? { body: parsed.data } : { status: 400 };
}
