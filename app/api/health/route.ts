// Load balancers and orchestrators (no session): liveness, or readiness with `?ready=1`.
import { defineRoute } from '@/lib/http/route-handler';
import { livenessResponse, readinessResponse } from '@/lib/observability/health/health-response';

export const { GET, POST, PUT, PATCH, DELETE, OPTIONS } = defineRoute(
  { route: '/api/health' },
  { GET: (request) => (new URL(request.url).searchParams.has('ready') ? readinessResponse() : livenessResponse()) },
);
