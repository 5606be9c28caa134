'use client';

import { useState, useTransition } from 'react';
import { changeMemberRole } from './actions';

export function RoleSelect({ userId, name, role }: { userId: string; name: string; role: 'admin' | 'member' }) {
  const [error, setError] = useState<string>();
  const [pending, startTransition] = useTransition();
  return (
    <div className="flex flex-col items-end gap-1">
      <label className="sr-only" htmlFor={`role-${userId}`}>
        Role of {name}
      </label>
      <select
        id={`role-${userId}`}
        defaultValue={role}
        disabled={pending}
        className="input w-32"
        onChange={(event) => {
          const next = event.target.value as 'admin' | 'member';
          const select = event.target;
          startTransition(async () => {
            const result = await changeMemberRole({ userId, role: next });
            setError(result.ok ? undefined : result.error);
            if (!result.ok) select.value = role;
          });
        }}
      >
        <option value="admin">Admin</option>
        <option value="member">Member</option>
      </select>
      {error ? (
        <p role="alert" className="max-w-xs text-right text-xs text-red-700 dark:text-red-300">
          {error}
        </p>
      ) : null}
    </div>
  );
}
