// The JQL subset Jira accepts in a dynamic webhook's `jqlFilter` (OpenAPI WebhookDetails.jqlFilter): fields
// issueKey, project, issuetype, status, assignee, reporter, issue.property and cf[id] (epic label only), operators
// =, !=, IN and NOT IN. Jira answers registration with HTTP 200 and per-webhook `errors` for anything else; the
// messages follow what live Jira returned ("Operator is not is unsupported", "Empty JQL search not supported",
// the OpenAPI example "The clause watchCount is unsupported"). `project != null` is accepted (a live registration
// matching every issue), so null/EMPTY as a value of = / != is allowed.
import { JqlError, parseJql, type JqlExpr } from '../jql/parse';

const FIELDS = new Set(['issuekey', 'key', 'project', 'issuetype', 'type', 'status', 'assignee', 'reporter']);
const OPERATORS = new Set(['=', '!=', 'in', 'not in']);

function check(expr: JqlExpr): string | null {
  if (expr.kind === 'and' || expr.kind === 'or') return check(expr.left) ?? check(expr.right);
  if (expr.kind === 'not') return check(expr.expr);
  if (!FIELDS.has(expr.field) && !expr.field.startsWith('issue.property') && !/^cf\[\d+\]$/.test(expr.field)) return `The clause ${expr.field} is unsupported`;
  if (!OPERATORS.has(expr.op)) return `Operator ${expr.op} is unsupported`;
  return null;
}

/** Null when Jira would accept the filter for a webhook, else the error Jira lists for it. */
export function webhookJqlError(jql: string): string | null {
  if (jql.trim() === '') return 'Empty JQL search not supported';
  try {
    const query = parseJql(jql);
    if (!query.where) return 'Empty JQL search not supported';
    if (query.orderBy.length) return 'The clause ORDER BY is unsupported';
    return check(query.where);
  } catch (e) {
    if (e instanceof JqlError) return e.message;
    throw e;
  }
}
