import 'server-only';
import { NextResponse } from 'next/server';
import { bindLogContext } from '@/lib/observability/request-context';
import { getCurrentMember, type CurrentMember } from './guards';

type Guarded = { member: CurrentMember; denied?: undefined } | { member?: undefined; denied: NextResponse };

/** For route handlers: 401 when signed out, 403 when the role is not enough. */
export async function guardRoute(role: 'member' | 'admin'): Promise<Guarded> {
  const member = await getCurrentMember();
  if (!member) {
    return { denied: NextResponse.json({ error: 'unauthenticated', message: 'Sign in to continue.' }, { status: 401 }) };
  }
  bindLogContext({ orgId: member.orgId });
  if (role === 'admin' && member.role !== 'admin') {
    return {
      denied: NextResponse.json(
        { error: 'forbidden', message: 'Only organization admins can do this. Ask an admin of your organization.' },
        { status: 403 },
      ),
    };
  }
  return { member };
}
