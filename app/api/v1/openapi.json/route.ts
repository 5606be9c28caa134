// The OpenAPI 3.1 document of /api/v1 (public: it describes, it grants nothing).
import { NextResponse } from 'next/server';
import { openApiDocument } from '@/lib/api/v1/openapi';
import { renderApiFailure } from '@/lib/api/v1/respond';
import { env } from '@/lib/config/env';
import { defineRoute } from '@/lib/http/route-handler';

export const { GET, POST, PUT, PATCH, DELETE, OPTIONS } = defineRoute(
  { route: '/api/v1/openapi.json', renderFailure: renderApiFailure },
  {
    GET: () =>
      NextResponse.json(openApiDocument(env().PORTICO_API_RATE_LIMIT_PER_MINUTE), {
        headers: { 'Cache-Control': 'public, max-age=300' },
      }),
  },
);
