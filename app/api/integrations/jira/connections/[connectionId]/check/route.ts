// Health probe of one connection for any signed-in member (monitoring, the connection page):
// makes one real Jira call through the connection's grant and reports the classified result. Checks
// are coalesced and throttled per connection (request-check.ts): a burst costs one Jira call.
import { NextResponse } from 'next/server';
import { z } from 'zod';
import { guardRoute } from '@/lib/auth/route-guard';
import { requestConnectionCheck } from '@/lib/integrations/jira/connect/request-check';

export async function GET(_request: Request, { params }: RouteContext<'/api/integrations/jira/connections/[connectionId]/check'>) {
  const { member, denied } = await guardRoute('member');
  if (denied) return denied;
  const connectionId = z.uuid().safeParse((await params).connectionId);
  if (!connectionId.success) return NextResponse.json({ error: 'not_found', message: 'No such Jira connection.' }, { status: 404 });
  const result = await requestConnectionCheck(member.orgId, connectionId.data);
  // 200 either way: the probe worked; `ok` says whether Jira did.
  return NextResponse.json(result, { headers: { 'Cache-Control': 'no-store' } });
}
