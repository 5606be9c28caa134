import type { Metadata } from 'next';
import Link from 'next/link';
import { Badge } from '@/components/ui/badge';
import { getConsentEvidence, getOAuthAppSummary, listConnectionsOnApp } from '@/db/queries/jira-oauth-apps';
import { requireOrgMember } from '@/lib/auth/guards';
import { env } from '@/lib/config/env';
import { atlassianOAuthConfig, callbackUrl } from '@/lib/integrations/jira/oauth/config';
import { buildSetupChecklist } from '@/lib/integrations/jira/oauth/setup-checklist';
import { OAuthAppForm } from './oauth-app-form';
import { RemoveAppForm } from './remove-app-form';
import { SetupChecklistView } from './setup-checklist-view';
import { VerifyCredentialsForm } from './verify-credentials-form';
import { LocalTime } from '@/components/ui/local-time';

export const metadata: Metadata = { title: 'Jira OAuth app' };

const NO_CONSENTS = {
  returnedConsents: 0,
  abandonedConsents: 0,
  grantsThroughApp: 0,
  consentingAccounts: 0,
  latestGrantScopes: null,
};

const VERIFICATION: Record<string, { label: string; tone: 'success' | 'danger' | 'warning' }> = {
  accepted: { label: 'Verified', tone: 'success' },
  rejected: { label: 'Rejected by Atlassian', tone: 'danger' },
  unreachable: { label: 'Not verified: Atlassian unreachable', tone: 'warning' },
  unexpected: { label: 'Unexpected answer', tone: 'danger' },
};

export default async function JiraOAuthAppPage() {
  const member = await requireOrgMember();
  const isAdmin = member.role === 'admin';
  const app = await getOAuthAppSummary(member.orgId);
  const platformClientId = atlassianOAuthConfig()?.clientId;
  const [evidence, onThisApp, onPlatformApp] = app
    ? await Promise.all([
        getConsentEvidence(member.orgId, app.clientId),
        app.clientId === platformClientId ? [] : listConnectionsOnApp(member.orgId, app.clientId),
        platformClientId && app.clientId !== platformClientId ? listConnectionsOnApp(member.orgId, platformClientId) : [],
      ])
    : [NO_CONSENTS, [], []];
  const steps = buildSetupChecklist({ app: app ?? null, ...evidence });
  const verification = app?.lastVerificationResult ? VERIFICATION[app.lastVerificationResult] : undefined;

  return (
    <div className="space-y-8">
      <div>
        <Link href="/settings/integrations" className="text-sm font-medium text-indigo-700 hover:underline dark:text-indigo-300">
          ← Integrations
        </Link>
        <h1 className="mt-2 text-lg font-semibold">Jira OAuth app</h1>
        <p className="mt-1 max-w-3xl text-sm text-zinc-600 dark:text-zinc-400">
          Portico connects to Jira through an Atlassian OAuth 2.0 app. Your organization can use Portico’s app or one it created in
          Atlassian’s developer console, for example to show your own name and logo on Atlassian’s consent screen.
        </p>
      </div>

      <section aria-labelledby="in-use-title" className="rounded-xl border border-zinc-200 bg-white p-5 shadow-sm dark:border-zinc-800 dark:bg-zinc-900">
        <h2 id="in-use-title" className="font-semibold">
          App in use
        </h2>
        {app ? (
          <div className="mt-2 flex flex-wrap items-center gap-3 text-sm">
            <span>
              Your own app, client ID <code className="font-mono">{app.clientId}</code>
            </span>
            {verification ? <Badge tone={verification.tone}>{verification.label}</Badge> : <Badge>Not verified yet</Badge>}
            {app.lastVerifiedAt ? <span className="text-zinc-600 dark:text-zinc-400">checked <LocalTime date={app.lastVerifiedAt} /></span> : null}
          </div>
        ) : (
          <p className="mt-2 text-sm">
            {platformClientId
              ? 'Portico’s app. Nothing to set up; follow the checklist below only if you want to use your own.'
              : 'None: this Portico has no app of its own configured, so your organization needs its own app to connect Jira.'}
          </p>
        )}
        {onPlatformApp.length > 0 ? (
          <p className="mt-3 text-sm text-zinc-600 dark:text-zinc-400">
            Still authorized with Portico’s app (they keep working; reconnect them to move them to your app):{' '}
            {onPlatformApp.map((connection) => connection.siteName ?? 'new connection').join(', ')}.
          </p>
        ) : null}
        {!isAdmin ? <p className="mt-3 text-sm text-zinc-600 dark:text-zinc-400">Only admins can change the OAuth app.</p> : null}
      </section>

      <section aria-labelledby="checklist-title" className="space-y-3">
        <h2 id="checklist-title" className="font-semibold">
          Setup checklist for your own app
        </h2>
        {isAdmin && !app ? (
          <p className="text-sm text-zinc-600 dark:text-zinc-400">Once the credentials are saved you can mark the console steps as done.</p>
        ) : null}
        <SetupChecklistView steps={steps} callbackUrl={callbackUrl()} requestedScopes={env().ATLASSIAN_SCOPES} canConfirm={isAdmin && Boolean(app)} />
      </section>

      {isAdmin ? (
        <section aria-labelledby="credentials-title" className="rounded-xl border border-zinc-200 bg-white p-5 shadow-sm dark:border-zinc-800 dark:bg-zinc-900">
          <h2 id="credentials-title" className="font-semibold">
            Your app’s credentials
          </h2>
          <p className="mt-1 text-sm text-zinc-600 dark:text-zinc-400">From the Settings page of your app in the developer console.</p>
          <div className="mt-4 grid gap-8 md:grid-cols-2">
            <OAuthAppForm savedClientId={app?.clientId} mustReconnectOnChange={onThisApp} />
            {app ? (
              <div className="space-y-6">
                <VerifyCredentialsForm />
                <RemoveAppForm mustReconnect={onThisApp} />
              </div>
            ) : null}
          </div>
        </section>
      ) : null}
    </div>
  );
}
