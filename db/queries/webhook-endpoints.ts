import 'server-only';
import { and, desc, eq, sql } from 'drizzle-orm';
import { isUuid } from '@/lib/validation/uuid';
import { getDb } from '../client';
import type { Transaction } from '../connect';
import { webhookEndpoints } from '../schema';

/** What leaves the data layer about an endpoint: never a sealed secret. */
const summaryColumns = {
  id: webhookEndpoints.id,
  url: webhookEndpoints.url,
  description: webhookEndpoints.description,
  eventTypes: webhookEndpoints.eventTypes,
  enabled: webhookEndpoints.enabled,
  disabledReason: webhookEndpoints.disabledReason,
  disabledAt: webhookEndpoints.disabledAt,
  consecutiveFailures: webhookEndpoints.consecutiveFailures,
  failingSince: webhookEndpoints.failingSince,
  previousSecretExpiresAt: webhookEndpoints.previousSecretExpiresAt,
  createdAt: webhookEndpoints.createdAt,
  updatedAt: webhookEndpoints.updatedAt,
};

export type WebhookEndpointSummary = Awaited<ReturnType<typeof listWebhookEndpoints>>[number];

export async function listWebhookEndpoints(orgId: string) {
  return getDb().select(summaryColumns).from(webhookEndpoints).where(eq(webhookEndpoints.organizationId, orgId)).orderBy(desc(webhookEndpoints.createdAt));
}

export async function getWebhookEndpoint(orgId: string, endpointId: string): Promise<WebhookEndpointSummary | undefined> {
  if (!isUuid(endpointId)) return undefined;
  const [row] = await getDb()
    .select(summaryColumns)
    .from(webhookEndpoints)
    .where(and(eq(webhookEndpoints.organizationId, orgId), eq(webhookEndpoints.id, endpointId)));
  return row;
}

export async function insertWebhookEndpoint(
  orgId: string,
  values: { id: string; url: string; description: string; eventTypes: string[]; secretCiphertext: string; createdByUserId: string | null; createdByApiKeyId: string | null },
): Promise<WebhookEndpointSummary> {
  const [row] = await getDb().insert(webhookEndpoints).values({ ...values, organizationId: orgId }).returning(summaryColumns);
  return row!;
}

/** Enabling again clears the failing streak and the reason it was switched off. */
export async function updateWebhookEndpoint(
  orgId: string,
  endpointId: string,
  values: { url?: string; description?: string; eventTypes?: string[]; enabled?: boolean },
): Promise<WebhookEndpointSummary | undefined> {
  if (!isUuid(endpointId)) return undefined;
  const switched =
    values.enabled === undefined
      ? {}
      : values.enabled
        ? { disabledReason: null, disabledAt: null, consecutiveFailures: 0, failingSince: null }
        : { disabledReason: sql`coalesce(${webhookEndpoints.disabledReason}, 'admin')`, disabledAt: sql`coalesce(${webhookEndpoints.disabledAt}, now())` };
  const [row] = await getDb()
    .update(webhookEndpoints)
    .set({ ...values, ...switched, updatedAt: new Date() })
    .where(and(eq(webhookEndpoints.organizationId, orgId), eq(webhookEndpoints.id, endpointId)))
    .returning(summaryColumns);
  return row;
}

export async function deleteWebhookEndpoint(orgId: string, endpointId: string): Promise<boolean> {
  if (!isUuid(endpointId)) return false;
  const rows = await getDb()
    .delete(webhookEndpoints)
    .where(and(eq(webhookEndpoints.organizationId, orgId), eq(webhookEndpoints.id, endpointId)))
    .returning({ id: webhookEndpoints.id });
  return rows.length > 0;
}

/** The sealed secrets, for signing and rotating only (lib/outbound-webhooks). */
export async function getEndpointSecrets(tx: Transaction | ReturnType<typeof getDb>, orgId: string, endpointId: string) {
  const [row] = await tx
    .select({
      secretCiphertext: webhookEndpoints.secretCiphertext,
      previousSecretCiphertext: webhookEndpoints.previousSecretCiphertext,
      previousSecretExpiresAt: webhookEndpoints.previousSecretExpiresAt,
    })
    .from(webhookEndpoints)
    .where(and(eq(webhookEndpoints.organizationId, orgId), eq(webhookEndpoints.id, endpointId)));
  return row;
}

/** The current secret becomes the previous one, signing beside the new one until `overlapEndsAt`. */
export async function rotateEndpointSecret(orgId: string, endpointId: string, seal: (current: string) => { secretCiphertext: string; previousSecretCiphertext: string }, overlapEndsAt: Date) {
  if (!isUuid(endpointId)) return undefined;
  return getDb().transaction(async (tx) => {
    const [row] = await tx
      .select({ secretCiphertext: webhookEndpoints.secretCiphertext })
      .from(webhookEndpoints)
      .where(and(eq(webhookEndpoints.organizationId, orgId), eq(webhookEndpoints.id, endpointId)))
      .for('update');
    if (!row) return undefined;
    const sealed = seal(row.secretCiphertext);
    const [updated] = await tx
      .update(webhookEndpoints)
      .set({ ...sealed, previousSecretExpiresAt: overlapEndsAt, updatedAt: new Date() })
      .where(eq(webhookEndpoints.id, endpointId))
      .returning(summaryColumns);
    return updated;
  });
}
