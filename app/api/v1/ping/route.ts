// Trivial handler (no key, no database): the baseline for the load figures in scripts/bench/api-connections.ts.
import { NextResponse } from 'next/server';

export function GET() {
  return NextResponse.json({ ok: true }, { headers: { 'Cache-Control': 'no-store' } });
}
