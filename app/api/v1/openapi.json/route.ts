// The OpenAPI 3.1 document of /api/v1 (public: it describes, it grants nothing).
import { NextResponse } from 'next/server';
import { openApiDocument } from '@/lib/api/v1/openapi';

export function GET() {
  return NextResponse.json(openApiDocument(), { headers: { 'Cache-Control': 'public, max-age=300' } });
}
