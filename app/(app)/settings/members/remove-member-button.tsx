'use client';

import { ConfirmDialog } from '@/components/ui/confirm-dialog';
import { removeMember } from './actions';

export function RemoveMemberButton({ userId, name }: { userId: string; name: string }) {
  return (
    <ConfirmDialog
      trigger={{ label: 'Remove', variant: 'secondary', ariaLabel: `Remove ${name}` }}
      title={`Remove ${name}?`}
      cancelLabel="Keep member"
      confirmLabel="Remove member"
      pendingLabel="Removing…"
      onConfirm={() => removeMember({ userId })}
    >
      <p>{name} loses access to your organization at once and is signed out of every browser.</p>
    </ConfirmDialog>
  );
}
