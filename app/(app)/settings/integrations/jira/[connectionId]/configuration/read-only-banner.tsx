import { Fragment } from 'react';

export interface OrgAdmin {
  name: string;
  email: string;
}

/** Members see the editor read-only; this says so first, and who to ask, before any disabled control. */
export function ReadOnlyBanner({ admins }: { admins: readonly OrgAdmin[] }) {
  return (
    <p role="note" className="rounded-lg bg-zinc-100 px-4 py-3 text-sm text-zinc-800 ring-1 ring-zinc-300 dark:bg-zinc-800/60 dark:text-zinc-200 dark:ring-zinc-700">
      <span className="font-medium">Only admins can change mappings</span> — ask an admin:{' '}
      {admins.length === 0
        ? 'your organization has none yet'
        : admins.map((admin, index) => (
            <Fragment key={admin.email}>
              {index > 0 ? ', ' : ''}
              {admin.name} (
              <a href={`mailto:${admin.email}`} className="font-medium text-indigo-700 underline dark:text-indigo-300">
                {admin.email}
              </a>
              )
            </Fragment>
          ))}
      . You can view everything here.
    </p>
  );
}
