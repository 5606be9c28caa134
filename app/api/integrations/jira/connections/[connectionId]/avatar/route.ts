// Project and user avatars for the editors' <img>: Jira hands out gateway URLs
// (api.atlassian.com/ex/jira/{cloudId}/rest/api/3/universal_avatar/…) that need a Bearer token, so the
// browser cannot load them itself. Any member may read; the token never leaves the server.
//   GET ?url=<the avatar URL as Jira sent it>
import { z } from 'zod';
import { getConnectionTarget } from '@/db/queries/jira-connections';
import { defineRoute } from '@/lib/http/route-handler';
import { jsonError } from '@/lib/http/json';
import { notFound, resolveConnection, type ConnectionParams } from '@/lib/http/resolve-connection';
import { fetchAvatar } from '@/lib/integrations/jira/avatar-proxy';

const querySchema = z.object({ url: z.string().min(1).max(2_000) });

export const { GET, POST, PUT, PATCH, DELETE, OPTIONS } = defineRoute<ConnectionParams>(
  { route: '/api/integrations/jira/connections/[connectionId]/avatar', checkOrigin: true },
  {
    GET: async (request, context) => {
      const resolved = await resolveConnection('member', context);
      if (resolved.denied) return resolved.denied;
      const query = querySchema.safeParse({ url: new URL(request.url).searchParams.get('url') ?? undefined });
      if (!query.success) return jsonError(400, 'invalid_url', 'Give the avatar URL as Jira sent it in ?url=.');
      const target = await getConnectionTarget(resolved.member.orgId, resolved.connectionId);
      if (!target) return notFound();
      const image = await fetchAvatar(resolved.member.orgId, target, query.data.url);
      if (!image.ok) return jsonError(image.status, image.reason, image.message);
      return new Response(image.body, {
        headers: {
          'Content-Type': image.contentType,
          // Private: the answer depends on the session. An hour: Jira avatars rarely change.
          'Cache-Control': 'private, max-age=3600',
          'X-Content-Type-Options': 'nosniff',
          'Content-Security-Policy': "default-src 'none'",
        },
      });
    },
  },
);
