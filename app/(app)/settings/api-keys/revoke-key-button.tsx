'use client';

import { ConfirmDialog } from '@/components/ui/confirm-dialog';
import { revokeApiKeyAction } from './actions';

export function RevokeKeyButton({ keyId, name }: { keyId: string; name: string }) {
  return (
    <ConfirmDialog
      trigger={{ label: 'Revoke', variant: 'secondary', ariaLabel: `Revoke ${name}` }}
      title={`Revoke “${name}”?`}
      cancelLabel="Keep key"
      confirmLabel="Revoke key"
      pendingLabel="Revoking…"
      onConfirm={() => revokeApiKeyAction({ keyId })}
    >
      <p>
        Every request with this key is refused from the moment you revoke it. Systems using it stop working until they
        get a new key.
      </p>
    </ConfirmDialog>
  );
}
