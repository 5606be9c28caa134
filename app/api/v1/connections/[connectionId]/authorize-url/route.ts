// Public REST API (API key): a new single-use authorize link for a connection; earlier unused links stop working.
import { apiRoute } from '@/lib/api/v1/api-route';
import { reissueAuthorizeUrl } from '@/lib/api/v1/connections';
import { apiJson, connectionNotFound, renderApiFailure } from '@/lib/api/v1/respond';
import { defineRoute } from '@/lib/http/route-handler';

export const { GET, POST, PUT, PATCH, DELETE, OPTIONS } = defineRoute(
  { route: '/api/v1/connections/[connectionId]/authorize-url', renderFailure: renderApiFailure },
  {
    POST: apiRoute<{ connectionId: string }>(async ({ caller, params }) => {
      const issued = await reissueAuthorizeUrl(caller, params.connectionId);
      return issued ? apiJson(201, issued) : connectionNotFound();
    }),
  },
);
