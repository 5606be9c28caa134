// Public REST API: any /api/v1 path no route serves answers the API's JSON error, not the app's HTML 404.
// No key is needed to learn that a path does not exist.
import { apiError } from '@/lib/api/v1/respond';

const notFound = () => apiError('not_found', 'No such API path. The paths are listed in /api/v1/openapi.json.');

export const GET = notFound;
export const HEAD = notFound;
export const POST = notFound;
export const PUT = notFound;
export const PATCH = notFound;
export const DELETE = notFound;
export const OPTIONS = notFound;
