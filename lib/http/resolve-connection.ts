import 'server-only';
import { guardRoute } from '@/lib/auth/route-guard';
import { bindLogContext } from '@/lib/observability/request-context';
import { connectionIdParam, jsonError } from './json';

export type ConnectionParams = { params: Promise<{ connectionId: string }> };

// One answer for "not yours" and "does not exist", so ids of other organizations reveal nothing.
export const notFound = () => jsonError(404, 'not_found', 'No such Jira connection in your organization.');

/** Role check, then the connection id; the organization always comes from the session. */
export async function resolveConnection(role: 'member' | 'admin', context: ConnectionParams) {
  const { member, denied } = await guardRoute(role);
  if (denied) return { denied };
  const id = connectionIdParam.safeParse((await context.params).connectionId);
  if (!id.success) return { denied: notFound() };
  bindLogContext({ connectionId: id.data });
  return { member, connectionId: id.data };
}
