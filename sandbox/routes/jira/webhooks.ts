// Dynamic webhooks for OAuth 2.0 apps: register, list, delete, refresh (30-day expiry by the sandbox clock).
// Scopes (read:jira-work + manage:jira-webhook, or the granular ones) are checked by the gateway from the OpenAPI
// document. Registration answers 200 with per-webhook `errors` for a bad filter, as Jira does; the filter must use
// the webhook JQL subset (webhooks/webhook-jql.ts) and name things the user can see. "Only a single URL per app is
// allowed to be registered" (WebhookRegistrationDetails.url): a second URL while the app has live webhooks on the
// site is refused with 400. Deliveries are sent by webhooks/dispatcher.ts.
import { z } from 'zod';
import { webhookJqlError } from '../../webhooks/webhook-jql';
import { compileJql } from '../../jql/evaluate';
import { JqlError } from '../../jql/parse';
import { errorCollection, pageBean, paging, type JiraHandler } from './context';
import { userJqlContext } from './search';
import { hooksFor, WEBHOOK_LIFETIME_MS } from './webhook-store';

const EVENTS = ['jira:issue_created', 'jira:issue_updated', 'jira:issue_deleted', 'comment_created', 'comment_updated', 'comment_deleted', 'issue_property_set', 'issue_property_deleted'];
const ONE_URL = 'Only a single URL per app is allowed to be registered.';
const INVALID_PAYLOAD = 'Invalid request payload. Refer to the REST API documentation and try again.';

const RegisterSchema = z.object({
  url: z.string().url(),
  webhooks: z.array(z.object({ events: z.array(z.string()).min(1), jqlFilter: z.string(), fieldIdsFilter: z.array(z.string()).optional(), issuePropertyKeysFilter: z.array(z.string()).optional() })).min(1),
});
const IdsSchema = z.object({ webhookIds: z.array(z.number().int()).min(1) });

export const registerWebhooks: JiraHandler = ({ state, site, token, body }) => {
  const parsed = RegisterSchema.safeParse(body ?? {});
  if (!parsed.success) return errorCollection(400, INVALID_PAYLOAD);
  const now = state.now();
  const store = state.webhooks;
  if (hooksFor(store, token.clientId, site.cloudId, now).some((h) => h.url !== parsed.data.url)) return errorCollection(400, ONE_URL);
  const webhookRegistrationResult = parsed.data.webhooks.map((w) => {
    const errors: string[] = w.events.filter((e) => !EVENTS.includes(e)).map((e) => `The event ${e} is not supported.`);
    const subset = webhookJqlError(w.jqlFilter);
    if (subset) errors.push(subset);
    else {
      try {
        compileJql(site, userJqlContext({ state, token }), w.jqlFilter);
      } catch (e) {
        if (!(e instanceof JqlError)) throw e;
        errors.push(e.message);
      }
    }
    if (errors.length) return { errors };
    const id = store.nextId++;
    store.hooks.push({ id, clientId: token.clientId, cloudId: site.cloudId, accountId: token.accountId, url: parsed.data.url, ...w, expiresAt: now + WEBHOOK_LIFETIME_MS });
    return { createdWebhookId: id };
  });
  return { status: 200, body: { webhookRegistrationResult } };
};

export const listWebhooks: JiraHandler = ({ state, site, token, query, api }) => {
  const { startAt, maxResults } = paging(query, 100, 100);
  const all = hooksFor(state.webhooks, token.clientId, site.cloudId, state.now());
  return { status: 200, body: pageBean(`${api}/webhook`, query, startAt, maxResults, all, (h) => ({
        id: h.id,
        url: h.url,
        jqlFilter: h.jqlFilter,
        events: h.events,
        expirationDate: h.expiresAt,
        ...(h.fieldIdsFilter ? { fieldIdsFilter: h.fieldIdsFilter } : {}),
        ...(h.issuePropertyKeysFilter ? { issuePropertyKeysFilter: h.issuePropertyKeysFilter } : {}),
      })) };
};

export const deleteWebhooks: JiraHandler = ({ state, site, token, body }) => {
  const parsed = IdsSchema.safeParse(body ?? {});
  if (!parsed.success) return errorCollection(400, INVALID_PAYLOAD);
  const ids = new Set(parsed.data.webhookIds);
  state.webhooks.hooks = state.webhooks.hooks.filter((h) => !(h.clientId === token.clientId && h.cloudId === site.cloudId && ids.has(h.id)));
  return { status: 202 };
};

export const refreshWebhooks: JiraHandler = ({ state, site, token, body }) => {
  const parsed = IdsSchema.safeParse(body ?? {});
  if (!parsed.success) return errorCollection(400, INVALID_PAYLOAD);
  const ids = new Set(parsed.data.webhookIds);
  const expirationDate = state.now() + WEBHOOK_LIFETIME_MS;
  for (const h of hooksFor(state.webhooks, token.clientId, site.cloudId, state.now())) if (ids.has(h.id)) h.expiresAt = expirationDate;
  return { status: 200, body: { expirationDate } };
};
