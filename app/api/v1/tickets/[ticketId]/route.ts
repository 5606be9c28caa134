// Public REST API (API key): one synced ticket of the key's organization.
import { apiRoute } from '@/lib/api/v1/api-route';
import { apiError, apiJson, renderApiFailure } from '@/lib/api/v1/respond';
import { getTicketForApi } from '@/lib/api/v1/tickets';
import { defineRoute } from '@/lib/http/route-handler';

type Params = { ticketId: string };

export const { GET, POST, PUT, PATCH, DELETE, OPTIONS } = defineRoute(
  { route: '/api/v1/tickets/[ticketId]', renderFailure: renderApiFailure },
  {
    GET: apiRoute<Params>(async ({ caller, params }) => {
      const ticket = await getTicketForApi(caller, params.ticketId);
      // Same answer for another organization's ticket and for none: ids reveal nothing.
      return ticket ? apiJson(200, ticket) : apiError('not_found', 'No ticket with this id exists in the organization of this API key.');
    }),
  },
);
