// api.atlassian.com/ex/jira/{cloudId}/rest/api/3/… : token, site grant, rate limit and scope checks, then
// the operation handler. Order: authentication, site, rate limit, operation lookup, scope.
import type { Reply } from '../../http/respond';
import { matchOperation, scopesSatisfy, type MatchedOperation } from '../../oauth/operation-scopes';
import type { SandboxState } from '../../state';
import { authenticate, reachesSite, SCOPE_MISMATCH, UNAUTHORIZED } from '../bearer';
import { checkRateLimit } from '../rate-limit';
import { errorCollection } from './context';
import { JIRA_HANDLERS } from './handlers';

export interface JiraRequest {
  method: string;
  cloudId: string;
  relativePath: string;
  query: URLSearchParams;
  body: Record<string, unknown> | undefined | null;
  authorization: string | undefined;
  origin: string;
}

export type JiraTap = (info: { method: string; template: string | null; status: number; body: unknown; headers: Record<string, string> }) => void;

export function routeKeyFor(method: string, relativePath: string): { key: string; op: MatchedOperation | null } {
  const op = matchOperation(method, relativePath);
  return { key: op ? op.template : `unknown:${relativePath}`, op };
}

export function handleJira(state: SandboxState, req: JiraRequest, op: MatchedOperation | null): Reply {
  const token = authenticate(state, req.authorization);
  if (!token) return UNAUTHORIZED;
  // A cloudId outside the user's consents to this app, outside a resource-level grant's own sites, or a
  // removed site is refused like a bad token.
  const site = state.site(req.cloudId);
  if (!site || !reachesSite(state, token, req.cloudId)) return UNAUTHORIZED;
  const limited = checkRateLimit(state);
  if (limited) return limited;
  if (!op) return errorCollection(404, `No REST operation matches ${req.method} /rest/api/3/${req.relativePath}.`);
  if (!scopesSatisfy(new Set(token.scopes), op.alternatives)) return SCOPE_MISMATCH;
  const handler = JIRA_HANDLERS[`${req.method} ${op.template}`];
  if (!handler) return errorCollection(501, `The Atlassian sandbox does not implement ${req.method} /rest/api/3/${op.template}.`);
  return handler({ state, site, token, query: req.query, body: req.body, params: op.params, api: `${req.origin}/ex/jira/${req.cloudId}/rest/api/3` });
}
