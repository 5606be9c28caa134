import { jsonb, pgTable, text, timestamp, uuid } from 'drizzle-orm/pg-core';
import { organizations, users } from './organizations';

/**
 * An organization's own ("bring your own") Atlassian OAuth 2.0 app. Without a row the
 * organization uses the platform app from the environment. The secret is sealed with the app
 * keyring (AAD binds it to the organization) and is never shown again after it is saved.
 */
export const jiraOauthApps = pgTable('jira_oauth_apps', {
  organizationId: uuid('organization_id')
    .primaryKey()
    .references(() => organizations.id, { onDelete: 'cascade' }),
  clientId: text('client_id').notNull(),
  clientSecretCiphertext: text('client_secret_ciphertext').notNull(),
  /** Last "Verify credentials": accepted | rejected | unreachable. */
  lastVerificationResult: text('last_verification_result'),
  lastVerifiedAt: timestamp('last_verified_at', { withTimezone: true }),
  /** Setup steps Portico cannot see from outside, confirmed by the admin: step id → ISO time. */
  confirmedSteps: jsonb('confirmed_steps').$type<Record<string, string>>().notNull().default({}),
  updatedByUserId: uuid('updated_by_user_id').references(() => users.id, { onDelete: 'set null' }),
  createdAt: timestamp('created_at', { withTimezone: true }).notNull().defaultNow(),
  updatedAt: timestamp('updated_at', { withTimezone: true }).notNull().defaultNow(),
});
