import { randomUUID } from 'node:crypto';
import { SignJWT } from 'jose';

/*
 * Builds Jira webhook deliveries as the contract for issue 14 describes them (docs/decisions/015-jira-webhooks.md):
 * `Authorization: Bearer <JWT>` (HS256 with the OAuth app's client secret, `iss` = client id, `iat`, `exp` =
 * iat + 180 s), X-Atlassian-Webhook-Identifier and -Retry, and the documented body. For DB tests, e2e and the
 * benchmark, until (and besides) the sandbox sending real ones.
 */

export interface SigningApp {
  clientId: string;
  clientSecret: string;
}

export interface TokenOptions {
  /** Seconds since the epoch; now by default. */
  iat?: number;
  /** Lifetime after iat; 180 s by default. `null`: no exp claim at all. */
  ttlSecs?: number | null;
  /** HS256 unless a test wants another HMAC algorithm. */
  alg?: 'HS256' | 'HS384' | 'HS512';
}

export async function signDeliveryToken(app: SigningApp, options: TokenOptions = {}): Promise<string> {
  const iat = options.iat ?? Math.floor(Date.now() / 1000);
  const jwt = new SignJWT({}).setProtectedHeader({ alg: options.alg ?? 'HS256', typ: 'JWT' }).setIssuer(app.clientId).setIssuedAt(iat);
  if (options.ttlSecs !== null) jwt.setExpirationTime(iat + (options.ttlSecs ?? 180));
  return jwt.sign(new TextEncoder().encode(app.clientSecret));
}

/** An unsigned JWT (`alg: none`), as an attacker would send it. */
export function unsignedToken(clientId: string): string {
  const part = (value: object) => Buffer.from(JSON.stringify(value)).toString('base64url');
  const now = Math.floor(Date.now() / 1000);
  return `${part({ alg: 'none', typ: 'JWT' })}.${part({ iss: clientId, iat: now, exp: now + 180 })}.`;
}

export interface IssueSpec {
  id: string;
  key: string;
  projectId?: string;
  projectKey?: string;
  summary?: string;
  status?: { id: string; name: string; category: 'new' | 'indeterminate' | 'done' };
  priority?: { id: string; name: string } | null;
  issueType?: { id: string; name: string };
  created?: Date;
  updated: Date;
}

/** An issue as search/jql returns it with the sync's fields, under `<siteUrl>/rest/api/3/issue/<id>`. */
export function issueJson(siteUrl: string, spec: IssueSpec) {
  const projectKey = spec.projectKey ?? spec.key.split('-')[0]!;
  return {
    id: spec.id,
    key: spec.key,
    self: `${siteUrl}/rest/api/3/issue/${spec.id}`,
    fields: {
      summary: spec.summary ?? `Issue ${spec.key}`,
      status: { id: spec.status?.id ?? '10002', name: spec.status?.name ?? 'To Do', statusCategory: { key: spec.status?.category ?? 'new' } },
      priority: spec.priority === undefined ? { id: '3', name: 'Medium' } : spec.priority,
      issuetype: spec.issueType ?? { id: '10001', name: 'Story' },
      project: { id: spec.projectId ?? '10000', key: projectKey },
      assignee: null,
      reporter: null,
      created: (spec.created ?? new Date(spec.updated.getTime() - 86_400_000)).toISOString(),
      updated: spec.updated.toISOString(),
      labels: [],
    },
  };
}

export type WebhookEvent = 'jira:issue_created' | 'jira:issue_updated' | 'jira:issue_deleted';

export interface DeliverySpec {
  app: SigningApp;
  event: WebhookEvent;
  issue: ReturnType<typeof issueJson> | Record<string, unknown>;
  matchedWebhookIds: readonly number[];
  /** Same on every retry of one delivery; a fresh UUID by default. */
  identifier?: string;
  retry?: number;
  /** Event time (ms); now by default. */
  timestamp?: number;
  token?: TokenOptions;
  /** Replaces the whole Authorization header (null: none). */
  authorization?: string | null;
}

/** The delivery's headers and JSON body, ready for fetch() or `new Request()`. */
export async function buildDelivery(spec: DeliverySpec): Promise<{ headers: Record<string, string>; body: string; identifier: string }> {
  const identifier = spec.identifier ?? randomUUID();
  const authorization = spec.authorization === undefined ? `Bearer ${await signDeliveryToken(spec.app, spec.token)}` : spec.authorization;
  const headers: Record<string, string> = {
    'content-type': 'application/json',
    'x-atlassian-webhook-identifier': identifier,
    'x-atlassian-webhook-retry': String(spec.retry ?? 0),
    ...(authorization === null ? {} : { authorization }),
  };
  const body = JSON.stringify({
    timestamp: spec.timestamp ?? Date.now(),
    webhookEvent: spec.event,
    issue_event_type_name: spec.event === 'jira:issue_created' ? 'issue_created' : spec.event === 'jira:issue_deleted' ? 'issue_deleted' : 'issue_generic',
    issue: spec.issue,
    matchedWebhookIds: spec.matchedWebhookIds,
  });
  return { headers, body, identifier };
}

/** The delivery as a Request to Portico's endpoint, for calling the route handler in-process. */
export async function deliveryRequest(baseUrl: string, spec: DeliverySpec): Promise<Request> {
  const { headers, body } = await buildDelivery(spec);
  return new Request(`${baseUrl}/api/webhooks/jira`, { method: 'POST', headers, body });
}
