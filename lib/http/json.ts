import 'server-only';
import { NextResponse } from 'next/server';
import { uuidSchema } from '@/lib/validation/uuid';

/** The error shape of every Portico JSON endpoint: a machine code and a sentence for people. */
export function jsonError(status: number, error: string, message: string, extra: Record<string, unknown> = {}) {
  return NextResponse.json({ error, message, ...extra }, { status, headers: { 'Cache-Control': 'no-store' } });
}

export const connectionIdParam = uuidSchema;
