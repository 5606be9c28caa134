// Health probe of one connection for any signed-in member (monitoring, the connection page):
// makes one real Jira call through the connection's grant and reports the classified result. Checks
// are coalesced and throttled per connection (request-check.ts): a burst costs one Jira call.
import { NextResponse } from 'next/server';
import { defineRoute } from '@/lib/http/route-handler';
import { resolveConnection, type ConnectionParams } from '@/lib/http/resolve-connection';
import { requestConnectionCheck } from '@/lib/integrations/jira/connect/request-check';

export const { GET, POST, PUT, PATCH, DELETE, OPTIONS } = defineRoute<ConnectionParams>(
  { route: '/api/integrations/jira/connections/[connectionId]/check', checkOrigin: true },
  {
    GET: async (_request, context) => {
      const resolved = await resolveConnection('member', context);
      if (resolved.denied) return resolved.denied;
      const result = await requestConnectionCheck(resolved.member.orgId, resolved.connectionId);
      // 200 either way: the probe worked; `ok` says whether Jira did.
      return NextResponse.json(result, { headers: { 'Cache-Control': 'no-store' } });
    },
  },
);
