// Public REST API: any /api/v1 path no route serves answers the API's JSON error, not the app's HTML 404.
// No key is needed to learn that a path does not exist.
import { apiError, renderApiFailure } from '@/lib/api/v1/respond';
import { defineRoute } from '@/lib/http/route-handler';

const notFound = () => apiError('not_found', 'No such API path. The paths are listed in /api/v1/openapi.json.');

export const { GET, POST, PUT, PATCH, DELETE, OPTIONS } = defineRoute(
  { route: '/api/v1/[...path]', renderFailure: renderApiFailure },
  { GET: notFound, POST: notFound, PUT: notFound, PATCH: notFound, DELETE: notFound, OPTIONS: notFound },
);
