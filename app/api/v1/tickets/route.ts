// Public REST API (API key): the organization's synced tickets, newest update first, cursor-paginated.
import { apiRoute } from '@/lib/api/v1/api-route';
import { apiJson, renderApiFailure } from '@/lib/api/v1/respond';
import { listTicketsForApi, parseTicketListQuery } from '@/lib/api/v1/tickets';
import { defineRoute } from '@/lib/http/route-handler';

export const { GET, POST, PUT, PATCH, DELETE, OPTIONS } = defineRoute(
  { route: '/api/v1/tickets', renderFailure: renderApiFailure },
  {
    GET: apiRoute(async ({ request, caller }) => {
      const parsed = parseTicketListQuery(request);
      if ('response' in parsed) return parsed.response;
      return apiJson(200, await listTicketsForApi(caller, parsed.query));
    }),
  },
);
