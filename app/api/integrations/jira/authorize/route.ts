// Called by the Jira card's Connect form (admins only): starts Atlassian's OAuth 2.0 consent.
import { NextResponse } from 'next/server';
import { guardRoute } from '@/lib/auth/route-guard';
import { env } from '@/lib/config/env';

export async function POST(request: Request) {
  const { denied } = await guardRoute('admin');
  if (denied) return denied;
  const back = new URL('/settings/integrations', env().PORTICO_BASE_URL);
  back.searchParams.set('jira', env().ATLASSIAN_CLIENT_ID ? 'connect_unavailable' : 'not_configured');
  void request;
  return NextResponse.redirect(back, 303);
}
