// Prometheus scrape endpoint of this instance, behind the bearer token PORTICO_METRICS_TOKEN (off when unset).
import { NextResponse } from 'next/server';
import { countJobsByQueue } from '@/db/queries/job-queues';
import { env } from '@/lib/config/env';
import { jsonError } from '@/lib/http/json';
import { defineRoute } from '@/lib/http/route-handler';
import { decideMetricsAccess } from '@/lib/observability/metrics-access';
import { renderMetrics } from '@/lib/observability/metrics';
import { log } from '@/lib/observability/request-context';

export const { GET, POST, PUT, PATCH, DELETE, OPTIONS } = defineRoute(
  { route: '/api/metrics' },
  {
    GET: async (request) => {
      const access = decideMetricsAccess(env().PORTICO_METRICS_TOKEN, request.headers.get('authorization'));
      if (!access.allowed && access.reason === 'metrics_off') {
        return jsonError(404, 'not_found', 'Metrics are off. Set PORTICO_METRICS_TOKEN to enable /api/metrics.');
      }
      if (!access.allowed) {
        const response = jsonError(
          401,
          'unauthenticated',
          'Send the metrics token as "Authorization: Bearer <PORTICO_METRICS_TOKEN>".',
        );
        response.headers.set('WWW-Authenticate', 'Bearer');
        return response;
      }
      // A database outage must not hide the other series: the queue depth is then left out.
      const depths = await countJobsByQueue().catch((error: unknown) => {
        log().warn({ err: error }, 'job queues not counted for the metrics');
        return [];
      });
      const { contentType, body } = await renderMetrics(depths);
      return new NextResponse(body, { headers: { 'Content-Type': contentType, 'Cache-Control': 'no-store' } });
    },
  },
);
