import type { Metadata } from 'next';
import { buttonClasses } from '@/components/ui/button';
import { listPreferenceRows } from '@/db/queries/notifications';
import { getDb } from '@/db/client';
import { requireOrgMember } from '@/lib/auth/guards';
import { effectivePreferences, PREFERENCE_LABELS } from '@/lib/notifications/preferences';
import { NOTIFYING_EVENT_TYPES } from '@/lib/notifications/rules';
import { saveNotificationPreferencesAction } from './actions';

export const metadata: Metadata = { title: 'Notifications' };

export default async function NotificationSettingsPage({ searchParams }: { searchParams: Promise<{ saved?: string; error?: string }> }) {
  const member = await requireOrgMember();
  const { saved, error } = await searchParams;
  const preferences = effectivePreferences(await listPreferenceRows(getDb(), member.orgId, member.userId));
  return (
    <div className="space-y-6">
      <div>
        <h1 className="text-lg font-semibold">Notifications</h1>
        <p className="mt-1 text-sm text-zinc-600 dark:text-zinc-400">
          What you are told, and where. Connection problems go to the admin who connected the site (or every admin once that person is no longer one). A
          flapping connection is one notification with a count, never one per flap.
        </p>
      </div>
      <div role="status" className="text-sm">
        {saved ? <p className="font-medium text-emerald-800 dark:text-emerald-300">Your choices are saved.</p> : null}
        {error ? <p className="font-medium text-red-700 dark:text-red-300">Those choices could not be read. Try again.</p> : null}
      </div>
      <form action={saveNotificationPreferencesAction} className="space-y-4">
        <div className="overflow-x-auto rounded-xl border border-zinc-200 bg-white shadow-sm dark:border-zinc-800 dark:bg-zinc-900">
          <table className="w-full text-left text-sm">
            <thead className="border-b border-zinc-200 text-zinc-600 dark:border-zinc-800 dark:text-zinc-400">
              <tr>
                <th scope="col" className="px-4 py-2 font-medium">When</th>
                <th scope="col" className="px-4 py-2 text-center font-medium">In the app</th>
                <th scope="col" className="px-4 py-2 text-center font-medium">Email</th>
              </tr>
            </thead>
            <tbody className="divide-y divide-zinc-200 dark:divide-zinc-800">
              {NOTIFYING_EVENT_TYPES.map((type) => (
                <tr key={type}>
                  <th scope="row" className="px-4 py-3 font-medium">
                    {PREFERENCE_LABELS[type]}
                    <span className="block font-mono text-xs font-normal text-zinc-600 dark:text-zinc-400">{type}</span>
                  </th>
                  <td className="px-4 py-3 text-center">
                    <input type="checkbox" name={`${type}:in_app`} defaultChecked={preferences[type].inApp} aria-label={`${PREFERENCE_LABELS[type]}: in the app`} className="size-4 accent-indigo-600" />
                  </td>
                  <td className="px-4 py-3 text-center">
                    <input type="checkbox" name={`${type}:email`} defaultChecked={preferences[type].email} aria-label={`${PREFERENCE_LABELS[type]}: email`} className="size-4 accent-indigo-600" />
                  </td>
                </tr>
              ))}
            </tbody>
          </table>
        </div>
        <button type="submit" className={buttonClasses('primary')}>
          Save
        </button>
      </form>
    </div>
  );
}
