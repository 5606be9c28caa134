// The OpenAPI 3.1 document of /api/v1 (public: it describes, it grants nothing).
import { NextResponse } from 'next/server';
import { openApiDocument } from '@/lib/api/v1/openapi';
import { env } from '@/lib/config/env';

export function GET() {
  return NextResponse.json(openApiDocument(env().PORTICO_API_RATE_LIMIT_PER_MINUTE), { headers: { 'Cache-Control': 'public, max-age=300' } });
}
