// The connection page's Sync section polls this while a backfill runs. Read-only: any member may ask.
import { NextResponse } from 'next/server';
import { serializeSync } from '@/lib/api/v1/serialize-sync';
import { defineRoute } from '@/lib/http/route-handler';
import { notFound, resolveConnection, type ConnectionParams } from '@/lib/http/resolve-connection';
import { getSyncOverview } from '@/lib/integrations/jira/sync/sync-overview';

export const { GET, POST, PUT, PATCH, DELETE, OPTIONS } = defineRoute<ConnectionParams>(
  { route: '/api/integrations/jira/connections/[connectionId]/sync', checkOrigin: true },
  {
    GET: async (_request, context) => {
      const resolved = await resolveConnection('member', context);
      if (resolved.denied) return resolved.denied;
      const overview = await getSyncOverview(resolved.member.orgId, resolved.connectionId);
      if (!overview) return notFound();
      return NextResponse.json(serializeSync(overview), { headers: { 'Cache-Control': 'no-store' } });
    },
  },
);
