// Dynamic webhooks registered by an OAuth app on a site. They expire after 30 days unless refreshed
// (developer.atlassian.com/cloud/jira/platform/webhooks/#registering-a-webhook-using-the-rest-api).
export const WEBHOOK_LIFETIME_MS = 30 * 86_400_000;

export interface StoredWebhook {
  id: number;
  clientId: string;
  cloudId: string;
  url: string;
  events: string[];
  jqlFilter: string;
  fieldIdsFilter?: string[];
  issuePropertyKeysFilter?: string[];
  expiresAt: number;
}

export interface WebhookStore {
  nextId: number;
  hooks: StoredWebhook[];
}

export function createWebhookStore(): WebhookStore {
  return { nextId: 10000, hooks: [] };
}

export function hooksFor(store: WebhookStore, clientId: string, cloudId: string, now: number): StoredWebhook[] {
  return store.hooks.filter((h) => h.clientId === clientId && h.cloudId === cloudId && h.expiresAt > now);
}
