import Link from 'next/link';
import { Button, buttonClasses } from '@/components/ui/button';
import type { CheckAction as Action } from '@/lib/integrations/jira/diagnostics/types';
import { RunDiagnosticsButton } from './run-diagnostics-button';

/** The fix a failed check offers, in place. Members see what an admin would do. */
export function CheckAction({
  action,
  connectionId,
  isAdmin,
}: {
  action: Action;
  connectionId: string;
  isAdmin: boolean;
}) {
  if (action === 'edit_project_filter') {
    return (
      <Link href={`/settings/integrations/jira/${connectionId}/configuration`} className={buttonClasses('secondary')}>
        {isAdmin ? 'Edit project filter' : 'View project filter'}
      </Link>
    );
  }
  if (!isAdmin)
    return <p className="text-sm text-zinc-600 dark:text-zinc-400">An admin of your organization can fix this.</p>;
  switch (action) {
    case 'reconnect':
      return (
        <form action="/api/integrations/jira/authorize" method="post">
          <input type="hidden" name="connectionId" value={connectionId} />
          <Button type="submit">Reconnect</Button>
        </form>
      );
    case 'rerun':
      return <RunDiagnosticsButton connectionId={connectionId} label="Run again" variant="secondary" />;
    case 'fix_app_settings':
      return (
        <Link href="/settings/integrations/jira/oauth-app" className={buttonClasses('secondary')}>
          Open Jira app settings
        </Link>
      );
  }
}
