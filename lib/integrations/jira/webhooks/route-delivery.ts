import 'server-only';
import { listDeliveryRoutes, type DeliveryRoute } from '@/db/queries/jira-webhook-deliveries';
import { log } from '@/lib/observability/request-context';
import { AppSecretUnreadableError, oauthConfigForClient } from '../oauth/app-registry';
import { atlassianOAuthConfig } from '../oauth/config';
import { appsVerifying, type AppSecret } from './verify-delivery';

export type RoutingVerdict =
  /** Signed by the app that registered these webhooks: store for each of these connections. */
  | { kind: 'accepted'; routes: DeliveryRoute[] }
  /** Signed by Portico's platform app, but no connection holds these webhooks on that site (a stale one). */
  | { kind: 'unrouted' }
  | { kind: 'unauthenticated' };

const hostOf = (url: string | null) => {
  try {
    return url ? new URL(url).host.toLowerCase() : null;
  } catch {
    return null;
  }
};

/**
 * Which connections a delivery is for, and whether its signature holds. Candidates: connections with a
 * registration among `matchedWebhookIds` on the site of `issue.self`. The key is the client secret of the app
 * each candidate's webhooks were registered with (its grant's app: the platform's or the organization's own).
 * A candidate is accepted only when its own app's secret verifies the token, so a delivery signed by one
 * organization's app never reaches another organization's connections. Without candidates the platform app
 * is tried, so the answer (401 or 202) says nothing about which webhooks exist.
 */
export async function routeDelivery(token: string, webhookIds: readonly number[], siteHost: string): Promise<RoutingVerdict> {
  const candidates = (await listDeliveryRoutes(webhookIds)).filter((route) => hostOf(route.siteUrl) === siteHost);
  const apps = new Map<string, AppSecret>();
  for (const route of candidates) {
    const key = `${route.organizationId}:${route.clientId}`;
    if (apps.has(key)) continue;
    const secret = await secretFor(route);
    if (secret) apps.set(key, secret);
  }
  if (candidates.length === 0) {
    const platform = atlassianOAuthConfig();
    const verified = platform ? await appsVerifying(token, [platform]) : [];
    return verified.length ? { kind: 'unrouted' } : { kind: 'unauthenticated' };
  }
  const verified = new Set<string>();
  for (const [key, app] of apps) if ((await appsVerifying(token, [app])).length) verified.add(key);
  const routes = candidates.filter((route) => verified.has(`${route.organizationId}:${route.clientId}`));
  return routes.length ? { kind: 'accepted', routes } : { kind: 'unauthenticated' };
}

async function secretFor(route: DeliveryRoute): Promise<AppSecret | undefined> {
  try {
    const config = await oauthConfigForClient(route.organizationId, route.clientId);
    return config ? { clientId: config.clientId, clientSecret: config.clientSecret } : undefined;
  } catch (error) {
    // Its deliveries cannot be verified until an admin re-enters the secret; polling still runs.
    if (error instanceof AppSecretUnreadableError) {
      log().warn({ orgId: route.organizationId, connectionId: route.connectionId }, 'jira webhook not verifiable: the OAuth app secret no longer decrypts');
      return undefined;
    }
    throw error;
  }
}
