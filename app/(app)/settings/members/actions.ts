'use server';

import { revalidatePath } from 'next/cache';
import { z } from 'zod';
import { deleteMember, updateMemberRole } from '@/db/queries/members';
import { adminAction } from '@/lib/actions/admin-action';

const changeRoleSchema = z.object({
  userId: z.uuid('Choose a member of your organization.'),
  role: z.enum(['admin', 'member'], 'Role must be admin or member.'),
});

export const changeMemberRole = adminAction(changeRoleSchema, async ({ userId, role }, member) => {
  const result = await updateMemberRole(member.orgId, userId, role);
  if (result === 'not_found') return { ok: false, error: 'That person is not a member of your organization.' };
  if (result === 'last_admin') {
    return { ok: false, error: 'Your organization needs at least one admin. Make someone else an admin first.' };
  }
  revalidatePath('/settings/members');
  return { ok: true, data: undefined, message: 'Role updated.' };
});

const removeMemberSchema = z.object({ userId: z.uuid('Choose a member of your organization.') });

/** Removal also ends the member's sessions (deleteMember raises their session version). */
export const removeMember = adminAction(removeMemberSchema, async ({ userId }, member) => {
  if (userId === member.userId) return { ok: false, error: 'You cannot remove yourself. Ask another admin of your organization to do it.' };
  const result = await deleteMember(member.orgId, userId);
  if (result === 'not_found') return { ok: false, error: 'That person is not a member of your organization.' };
  if (result === 'last_admin') {
    return { ok: false, error: 'Your organization needs at least one admin. Make someone else an admin first.' };
  }
  revalidatePath('/settings/members');
  return { ok: true, data: undefined, message: 'Member removed. They are signed out everywhere.' };
});
