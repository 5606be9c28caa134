'use server';

import { revalidatePath } from 'next/cache';
import { z } from 'zod';
import {
  deleteOAuthApp,
  getOAuthAppSummary,
  listConnectionsOnApp,
  recordOAuthAppVerification,
  saveOAuthAppRow,
  setOAuthAppStepConfirmed,
} from '@/db/queries/jira-oauth-apps';
import { adminAction, type ActionResult } from '@/lib/actions/admin-action';
import { oauthConfigForNewConsent, sealClientSecret } from '@/lib/integrations/jira/oauth/app-registry';
import { atlassianOAuthConfig, oauthConfigFor } from '@/lib/integrations/jira/oauth/config';
import { gateNewCredentials } from '@/lib/integrations/jira/oauth/credential-gate';
import { ADMIN_CONFIRMABLE_STEPS } from '@/lib/integrations/jira/oauth/setup-checklist';
import { verifyClientCredentials } from '@/lib/integrations/jira/oauth/verify-credentials';

const PAGE = '/settings/integrations/jira/oauth-app';
const revalidate = () => {
  revalidatePath(PAGE);
  revalidatePath('/settings/integrations');
};

// Atlassian client ids are 32 letters and digits, secrets longer runs of letters, digits, - and _;
// the pattern is looser (the sandbox and older apps differ) but rejects pasted spaces and quotes.
const credential = /^[A-Za-z0-9._~-]+$/;
const blankToUndefined = (value: unknown) => (typeof value === 'string' && value.trim() === '' ? undefined : value);

const saveSchema = z.object({
  clientId: z
    .string('Enter the client ID.')
    .trim()
    .min(1, { error: 'Enter the client ID from the Settings page of your app in the developer console.', abort: true })
    .max(128, 'A client ID is at most 128 characters.')
    .regex(credential, 'A client ID has only letters, digits, dots, dashes and underscores. Check for spaces or quotes you pasted with it.'),
  clientSecret: z.preprocess(
    blankToUndefined,
    z
      .string()
      .trim()
      .max(512, 'A secret is at most 512 characters.')
      .regex(credential, 'A secret has only letters, digits, dots, dashes and underscores. Check for spaces or quotes you pasted with it.')
      .optional(),
  ),
  /** The admin saw the list of connections that must be reconnected and agreed. */
  acknowledgeReconnect: z.boolean().optional(),
});

export type SaveOAuthAppInput = z.input<typeof saveSchema>;

const reconnectWarning = (sites: { siteName: string | null }[]) =>
  `${sites.length === 1 ? 'This connection was' : 'These connections were'} authorized with your current app and must be reconnected afterwards: ${sites.map((site) => site.siteName ?? 'a new connection').join(', ')}. Confirm to continue.`;

/**
 * Connections that stop working when the organization's own app is replaced or removed: their
 * grants belong to it. Grants of Portico's app keep working (oauthConfigForClient serves them).
 */
async function connectionsLosingTheirApp(orgId: string, current: { clientId: string } | undefined) {
  if (!current || current.clientId === atlassianOAuthConfig()?.clientId) return [];
  return listConnectionsOnApp(orgId, current.clientId);
}

export const saveOAuthApp = adminAction(saveSchema, async ({ clientId, clientSecret, acknowledgeReconnect }, member): Promise<ActionResult> => {
  const current = await getOAuthAppSummary(member.orgId);
  if (!clientSecret && current?.clientId !== clientId) {
    const error = current ? 'A different client ID needs the secret of that app.' : 'Enter the client secret.';
    return { ok: false, error, fieldErrors: { clientSecret: [`${error} Copy it from the Settings page of your app in the developer console.`] } };
  }
  const affected = current?.clientId === clientId ? [] : await connectionsLosingTheirApp(member.orgId, current);
  if (affected.length > 0 && !acknowledgeReconnect) {
    return { ok: false, error: 'Saving changes which OAuth app your connections use.', fieldErrors: { acknowledgeReconnect: [reconnectWarning(affected)] } };
  }
  if (!clientSecret) {
    // The same app and no new secret: nothing Atlassian has to accept changes.
    await saveOAuthAppRow(member.orgId, { clientId, userId: member.userId });
    revalidate();
    return { ok: true, data: undefined, message: 'Saved.' };
  }
  // Verified before they go live: until Atlassian accepts them, the credentials in use stay in use.
  const check = await verifyClientCredentials(oauthConfigFor('organization', clientId, clientSecret));
  const gate = gateNewCredentials(check.result, Boolean(current));
  if (!gate.activate) return { ok: false, error: gate.error, fieldErrors: { clientSecret: [gate.fieldError] } };
  const saved = await saveOAuthAppRow(member.orgId, { clientId, secretCiphertext: sealClientSecret(member.orgId, clientSecret), userId: member.userId });
  if (saved === 'secret_required') {
    return { ok: false, error: 'The app changed meanwhile. Enter the secret again.', fieldErrors: { clientSecret: ['Enter the client secret.'] } };
  }
  await recordOAuthAppVerification(member.orgId, clientId, check.result);
  revalidate();
  return { ok: true, data: undefined, message: gate.message };
});

export const removeOAuthApp = adminAction(z.object({ acknowledgeReconnect: z.boolean().optional() }), async ({ acknowledgeReconnect }, member): Promise<ActionResult> => {
  const current = await getOAuthAppSummary(member.orgId);
  if (!current) return { ok: false, error: 'Your organization already uses Portico’s OAuth app.' };
  const affected = await connectionsLosingTheirApp(member.orgId, current);
  if (affected.length > 0 && !acknowledgeReconnect) {
    return { ok: false, error: 'Removing your app changes which OAuth app your connections use.', fieldErrors: { acknowledgeReconnect: [reconnectWarning(affected)] } };
  }
  await deleteOAuthApp(member.orgId);
  revalidate();
  const platform = atlassianOAuthConfig() ? 'New connections use Portico’s OAuth app.' : 'Portico has no OAuth app of its own configured, so Jira cannot be connected until you add an app again.';
  return { ok: true, data: undefined, message: `Your OAuth app was removed. ${platform}` };
});

export const verifyOAuthAppCredentials = adminAction(
  z.object({}),
  async (_input, member): Promise<ActionResult<{ result: string }>> => {
    const app = await oauthConfigForNewConsent(member.orgId);
    if ('problem' in app && app.problem === 'app_secret_unreadable') {
      return {
        ok: false,
        error: 'Portico can no longer read the saved client secret (the key that encrypted it was removed). Save the client secret again.',
      };
    }
    const config = 'config' in app ? app.config : undefined;
    if (config?.source !== 'organization') return { ok: false, error: 'Save your app’s client ID and secret first.' };
    const check = await verifyClientCredentials(config);
    await recordOAuthAppVerification(member.orgId, config.clientId, check.result);
    revalidate();
    return { ok: true, data: { result: check.result }, message: check.evidence };
  },
);

const stepSchema = z.object({
  stepId: z.enum(ADMIN_CONFIRMABLE_STEPS, 'Portico checks this step itself; it cannot be confirmed by hand.'),
  confirmed: z.boolean('Say whether the step is done.'),
});

export const confirmSetupStep = adminAction(stepSchema, async ({ stepId, confirmed }, member): Promise<ActionResult> => {
  const updated = await setOAuthAppStepConfirmed(member.orgId, stepId, confirmed);
  if (!updated) return { ok: false, error: 'Save your app’s client ID and secret first; confirmations belong to that app.' };
  revalidate();
  return { ok: true, data: undefined, message: confirmed ? 'Marked as done.' : 'Marked as not done.' };
});
