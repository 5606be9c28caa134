// Dynamic webhooks registered by an OAuth app on a site. They expire after 30 days unless refreshed
// (developer.atlassian.com/cloud/jira/platform/webhooks/#registering-a-webhook-using-the-rest-api).
export const WEBHOOK_LIFETIME_MS = 30 * 86_400_000;

export interface StoredWebhook {
  id: number;
  clientId: string;
  cloudId: string;
  /** The user whose token registered it: its JQL runs as them, and only issues they may browse are sent. */
  accountId: string;
  url: string;
  events: string[];
  jqlFilter: string;
  fieldIdsFilter?: string[];
  issuePropertyKeysFilter?: string[];
  expiresAt: number;
}

export interface WebhookStore {
  nextId: number;
  nextChangelogId: number;
  hooks: StoredWebhook[];
}

export function createWebhookStore(): WebhookStore {
  return { nextId: 10000, nextChangelogId: 20000, hooks: [] };
}

export function hooksFor(store: WebhookStore, clientId: string, cloudId: string, now: number): StoredWebhook[] {
  return store.hooks.filter((h) => h.clientId === clientId && h.cloudId === cloudId && h.expiresAt > now);
}
