// Public REST API (API key): a new single-use authorize link for a connection; earlier unused links stop working.
import { apiRoute } from '@/lib/api/v1/api-route';
import { reissueAuthorizeUrl } from '@/lib/api/v1/connections';
import { apiJson, connectionNotFound } from '@/lib/api/v1/respond';

export const POST = apiRoute<{ connectionId: string }>(async ({ caller, params }) => {
  const issued = await reissueAuthorizeUrl(caller, params.connectionId);
  return issued ? apiJson(201, issued) : connectionNotFound();
});
