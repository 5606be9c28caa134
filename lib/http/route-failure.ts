import 'server-only';
import type { NextResponse } from 'next/server';
import { jsonError } from './json';

/** The answers the route wrapper gives itself, before or instead of the handler's. */
export type RouteFailure =
  | { status: 403; code: 'cross_site'; message: string }
  | { status: 405; code: 'method_not_allowed'; message: string; allow: string }
  | { status: 500; code: 'internal_error'; message: string; requestId: string };

/** Each family of routes renders them in its own error shape (the app's, or /api/v1's). */
export type RenderFailure = (failure: RouteFailure) => NextResponse;

export const renderAppFailure: RenderFailure = (failure) => {
  const response = jsonError(
    failure.status,
    failure.code,
    failure.message,
    failure.status === 500 ? { requestId: failure.requestId } : {},
  );
  if (failure.status === 405) response.headers.set('Allow', failure.allow);
  return response;
};

export const internalErrorMessage = (requestId: string) =>
  `Something went wrong inside Portico; nothing suggests a problem at Atlassian. Try again; if it persists, give your administrator request id ${requestId}.`;
