import 'server-only';
import { NextResponse } from 'next/server';
import { checkReadiness } from './check-readiness';

const NO_STORE = { 'Cache-Control': 'no-store' };

/** Liveness: the process answers. Nothing else is checked, so a database outage never restarts it. */
export const livenessResponse = () => NextResponse.json({ status: 'ok' }, { headers: NO_STORE });

/** Readiness: 200 when this instance can serve (database, migrations, scheduler), 503 with the failing checks otherwise. */
export async function readinessResponse(): Promise<NextResponse> {
  const readiness = await checkReadiness();
  return NextResponse.json(
    { status: readiness.ready ? 'ready' : 'not_ready', checks: readiness.checks },
    { status: readiness.ready ? 200 : 503, headers: NO_STORE },
  );
}
