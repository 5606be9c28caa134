import type { Metadata } from 'next';
import Link from 'next/link';
import { JiraLogo } from '@/components/brand/jira-logo';
import { Button, buttonClasses } from '@/components/ui/button';
import { requireOrgMember } from '@/lib/auth/guards';
import { assessAuthorizeLink } from '@/lib/integrations/jira/authorize-link/authorize-link';
import { LINK_REFUSALS } from '@/lib/integrations/jira/authorize-link/link-messages';
import { LocalTime } from '@/components/ui/local-time';

// same-origin: the token in this URL must not reach Atlassian as a Referer, but the POST needs its Origin header.
export const metadata: Metadata = { title: 'Authorize Jira', referrer: 'same-origin' };

/**
 * Where an API-issued authorize link lands. GET only shows a confirmation (mail scanners that open links
 * must not use them up); the admin's button POSTs, which uses the link and starts Atlassian's consent.
 */
export default async function AuthorizeLinkPage({ params }: PageProps<'/integrations/jira/authorize/[token]'>) {
  const { token } = await params;
  const member = await requireOrgMember();
  const verdict = await assessAuthorizeLink(member, token);

  return (
    <div className="mx-auto max-w-xl px-4 py-12 sm:px-6">
      <div className="space-y-6 rounded-xl border border-zinc-200 bg-white p-6 shadow-sm dark:border-zinc-800 dark:bg-zinc-900">
        <JiraLogo className="size-10" />
        {verdict.kind === 'usable' ? (
          <>
            <div className="space-y-2">
              <h1 className="text-lg font-semibold">Authorize Jira for {member.orgName}</h1>
              <p className="text-sm text-zinc-600 dark:text-zinc-400">
                A Jira connection was created for your organization through Portico’s API. Continue to Atlassian, choose the Jira
                site and accept: Portico then reads that site’s projects, statuses and priorities with your access.
              </p>
              <p className="text-sm text-zinc-600 dark:text-zinc-400">
                This link works once and expires <LocalTime date={verdict.expiresAt} />.
              </p>
            </div>
            <form method="post" action="/api/integrations/jira/authorize-link" className="flex flex-wrap gap-3">
              <input type="hidden" name="token" value={token} />
              <Button type="submit">Continue to Atlassian</Button>
              <Link href="/settings/integrations" className={buttonClasses('secondary')}>
                Not now
              </Link>
            </form>
          </>
        ) : (
          <div className="space-y-2">
            <h1 className="text-lg font-semibold">{LINK_REFUSALS[verdict.kind].title}</h1>
            <p role="alert" className="text-sm text-zinc-700 dark:text-zinc-300">
              {LINK_REFUSALS[verdict.kind].message}
            </p>
            <p>
              <Link href="/settings/integrations" className="text-sm font-medium text-indigo-700 hover:underline dark:text-indigo-300">
                Go to Integrations
              </Link>
            </p>
          </div>
        )}
      </div>
    </div>
  );
}
