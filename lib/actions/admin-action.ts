import 'server-only';
import type { z } from 'zod';
import { getCurrentMember, type CurrentMember } from '@/lib/auth/guards';
import { toFieldErrors } from '@/lib/validation/field-errors';
import { log } from '@/lib/observability/request-context';
import { findUnstorableText } from '@/lib/validation/storable-text';

export type ActionResult<T = undefined> =
  | { ok: true; data: T; message?: string }
  | { ok: false; error: string; fieldErrors?: Record<string, string[]> };

/**
 * Wraps every settings-changing server action: session → organization and role from the
 * database → zod parse of the input. No action can forget a step, and the organization
 * always comes from the session, never from the browser.
 */
export function adminAction<Schema extends z.ZodType, T>(
  schema: Schema,
  handler: (input: z.output<Schema>, member: CurrentMember) => Promise<ActionResult<T>>,
) {
  return async (input: z.input<Schema>): Promise<ActionResult<T>> => {
    const member = await getCurrentMember();
    if (!member) return { ok: false, error: 'Your session has ended. Sign in again to continue.' };
    if (member.role !== 'admin') return { ok: false, error: 'Only organization admins can change settings.' };
    const textProblem = findUnstorableText(input);
    if (textProblem) return { ok: false, error: textProblem.message, fieldErrors: { [textProblem.field]: [textProblem.message] } };
    const parsed = schema.safeParse(input);
    if (!parsed.success) {
      return { ok: false, error: 'Some values are not valid. Correct the highlighted fields.', fieldErrors: toFieldErrors(parsed.error) };
    }
    try {
      return await handler(parsed.data, member);
    } catch (error) {
      log().error({ err: error }, 'server action failed');
      return { ok: false, error: 'Something went wrong on our side. Try again; if it persists, contact support.' };
    }
  };
}
