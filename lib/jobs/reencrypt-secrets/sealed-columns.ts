import 'server-only';
import type { AnyColumn, SQL } from 'drizzle-orm';
import type { PgTable } from 'drizzle-orm/pg-core';
import type { Transaction } from '@/db/connect';
import { jiraGrants, jiraOauthApps, jiraOauthStates, jiraPendingAuthorizations, webhookEndpoints } from '@/db/schema';
import { clientSecretAad } from '@/lib/integrations/jira/oauth/app-registry';
import { verifierAad } from '@/lib/integrations/jira/oauth/authorization-state';
import { flagUnreadableTokens, grantTokenAad, pendingTokensAad } from '@/lib/integrations/jira/token-store';
import { signingSecretAad } from '@/lib/outbound-webhooks/secrets';

/**
 * Every column that holds a value sealed with the app keyring (lib/crypto/envelope.ts), with the
 * associated data its owner module binds it to. A new sealed column must be added here, or the
 * re-encryption job leaves it under a key that will be removed.
 */
export interface SealedColumn {
  /** table.column, for reports and logs. */
  name: string;
  table: PgTable;
  /** The row's key; `keyType` casts the keyset cursor back to it. */
  key: AnyColumn;
  keyType: 'uuid' | 'text';
  column: AnyColumn;
  aad: (key: string) => string;
  /** Extra columns the row's `onUnreadable` needs (e.g. the organization). */
  extra?: Record<string, AnyColumn | SQL>;
  /** Called in the batch's transaction for a value no configured key opens. */
  onUnreadable?: (tx: Transaction, key: string, extra: Record<string, unknown>) => Promise<void>;
}

const flagGrant = (tx: Transaction, grantId: string, extra: Record<string, unknown>) =>
  flagUnreadableTokens(tx, String(extra.orgId), grantId);

export const SEALED_COLUMNS: readonly SealedColumn[] = [
  {
    name: 'jira_grants.access_token_ciphertext',
    table: jiraGrants,
    key: jiraGrants.id,
    keyType: 'uuid',
    column: jiraGrants.accessTokenCiphertext,
    aad: (id) => grantTokenAad(id, 'access_token'),
    extra: { orgId: jiraGrants.organizationId },
    onUnreadable: flagGrant,
  },
  {
    name: 'jira_grants.refresh_token_ciphertext',
    table: jiraGrants,
    key: jiraGrants.id,
    keyType: 'uuid',
    column: jiraGrants.refreshTokenCiphertext,
    aad: (id) => grantTokenAad(id, 'refresh_token'),
    extra: { orgId: jiraGrants.organizationId },
    onUnreadable: flagGrant,
  },
  {
    name: 'jira_oauth_apps.client_secret_ciphertext',
    table: jiraOauthApps,
    key: jiraOauthApps.organizationId,
    keyType: 'uuid',
    column: jiraOauthApps.clientSecretCiphertext,
    aad: clientSecretAad,
  },
  // Short-lived (ten minutes), but a consent in flight during the rotation must still complete.
  {
    name: 'jira_pending_authorizations.token_set_ciphertext',
    table: jiraPendingAuthorizations,
    key: jiraPendingAuthorizations.id,
    keyType: 'uuid',
    column: jiraPendingAuthorizations.tokenSetCiphertext,
    aad: pendingTokensAad,
  },
  {
    name: 'jira_oauth_states.code_verifier_ciphertext',
    table: jiraOauthStates,
    key: jiraOauthStates.stateHash,
    keyType: 'text',
    column: jiraOauthStates.codeVerifierCiphertext,
    aad: verifierAad,
  },
  // Outbound webhook signing secrets (Settings › Webhooks): the current one, and the previous one while it overlaps.
  {
    name: 'webhook_endpoints.secret_ciphertext',
    table: webhookEndpoints,
    key: webhookEndpoints.id,
    keyType: 'uuid',
    column: webhookEndpoints.secretCiphertext,
    aad: (id) => signingSecretAad(id, 'current'),
  },
  {
    name: 'webhook_endpoints.previous_secret_ciphertext',
    table: webhookEndpoints,
    key: webhookEndpoints.id,
    keyType: 'uuid',
    column: webhookEndpoints.previousSecretCiphertext,
    aad: (id) => signingSecretAad(id, 'previous'),
  },
];
