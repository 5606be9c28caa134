// Trivial handler (no key, no database): the baseline for the load figures in scripts/bench/api-connections.ts.
import { NextResponse } from 'next/server';
import { renderApiFailure } from '@/lib/api/v1/respond';
import { defineRoute } from '@/lib/http/route-handler';

export const { GET, POST, PUT, PATCH, DELETE, OPTIONS } = defineRoute(
  { route: '/api/v1/ping', renderFailure: renderApiFailure },
  { GET: () => NextResponse.json({ ok: true }, { headers: { 'Cache-Control': 'no-store' } }) },
);
