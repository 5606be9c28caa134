'use client';

import { useId, useRef, useState, useTransition, type ReactNode } from 'react';
import { Button, type ButtonVariant } from './button';

interface ConfirmDialogProps {
  /** The button that opens the dialog. */
  trigger: { label: string; variant: ButtonVariant; ariaLabel?: string };
  title: ReactNode;
  children: ReactNode;
  cancelLabel: string;
  confirmLabel: string;
  pendingLabel: string;
  /** The confirm button's look: danger by default; a reversible action (a rollback) uses primary. */
  confirmVariant?: ButtonVariant;
  /** Called as the dialog opens, e.g. to load what the action would change. */
  onOpen?: () => void;
  /**
   * The destructive action; the dialog closes when it succeeds and shows its error otherwise. A refusal
   * without an error keeps the dialog open for the caller's content to say what changed (a rollback that
   * met another admin's save shows their changes and the new diff, to confirm again).
   */
  onConfirm: () => Promise<{ ok: true } | { ok: false; error?: string }>;
}

/**
 * A modal confirmation for a destructive action (native <dialog>: focus trap and Escape for free).
 * text-left: the trigger often sits in a right-aligned table cell, whose alignment the dialog inherits.
 */
export function ConfirmDialog({
  trigger,
  title,
  children,
  cancelLabel,
  confirmLabel,
  pendingLabel,
  confirmVariant = 'danger',
  onOpen,
  onConfirm,
}: ConfirmDialogProps) {
  const dialog = useRef<HTMLDialogElement>(null);
  const titleId = useId();
  const [error, setError] = useState<string>();
  const [pending, startTransition] = useTransition();

  return (
    <>
      <Button
        type="button"
        variant={trigger.variant}
        onClick={() => {
          setError(undefined);
          onOpen?.();
          dialog.current?.showModal();
        }}
        aria-label={trigger.ariaLabel}
      >
        {trigger.label}
      </Button>
      <dialog
        ref={dialog}
        aria-labelledby={titleId}
        className="m-auto w-full max-w-md rounded-xl bg-white p-6 text-left text-zinc-900 shadow-xl backdrop:bg-zinc-950/50 dark:bg-zinc-900 dark:text-zinc-100"
      >
        <h2 id={titleId} className="text-base font-semibold">
          {title}
        </h2>
        <div className="mt-3 space-y-3 text-sm text-zinc-700 dark:text-zinc-300">{children}</div>
        {error ? (
          <p role="alert" className="mt-3 text-sm text-red-700 dark:text-red-300">
            {error}
          </p>
        ) : null}
        <div className="mt-6 flex justify-end gap-3">
          <Button type="button" variant="secondary" onClick={() => dialog.current?.close()}>
            {cancelLabel}
          </Button>
          <Button
            type="button"
            variant={confirmVariant}
            disabled={pending}
            onClick={() =>
              startTransition(async () => {
                setError(undefined);
                const result = await onConfirm();
                if (!result.ok) return setError(result.error);
                dialog.current?.close();
              })
            }
          >
            {pending ? pendingLabel : confirmLabel}
          </Button>
        </div>
      </dialog>
    </>
  );
}
