// Readiness for load balancers and orchestrators (no session): database, migrations, scheduler heartbeat.
import { defineRoute } from '@/lib/http/route-handler';
import { readinessResponse } from '@/lib/observability/health/health-response';

export const { GET, POST, PUT, PATCH, DELETE, OPTIONS } = defineRoute(
  { route: '/api/health/ready' },
  { GET: readinessResponse },
);
