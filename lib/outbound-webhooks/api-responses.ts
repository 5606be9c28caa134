import 'server-only';
import { NextResponse } from 'next/server';
import { apiError } from '@/lib/api/v1/respond';

export const endpointNotFound = () => apiError('not_found', 'No webhook endpoint with this id exists in the organization of this API key.');
export const deliveryNotFound = () => apiError('not_found', 'No delivery with this id exists for this webhook endpoint.');
export const noContent = () => new NextResponse(null, { status: 204, headers: { 'Cache-Control': 'no-store' } });
