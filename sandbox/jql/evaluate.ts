// Compiles a parsed JQL query against one site into a filter and a comparator over issues.
import type { IssueDef, SiteWorld } from '../world/types';
import { STATUS_CATEGORIES } from '../world/catalog';
import { canView } from '../routes/jira/context';
import { JqlError, parseJql, type JqlExpr } from './parse';

export interface CompiledJql {
  bounded: boolean;
  matches(issue: IssueDef): boolean;
  compare: (a: IssueDef, b: IssueDef) => number;
}

const noValue = (value: string, field: string) => new JqlError(`The value '${value}' does not exist for the field '${field}'.`);

function resolver(site: SiteWorld, accountId: string, field: string): (value: string) => (issue: IssueDef) => boolean {
  const lower = (v: string) => v.toLowerCase();
  switch (field) {
    case 'project':
      return (v) => {
        // Every issue has a project: `project is EMPTY` matches none, `project is not EMPTY` all
        // (the JQL reference lists IS / IS NOT for the project field).
        if (lower(v) === 'empty' || lower(v) === 'null') return () => false;
        const p = site.projects.find((x) => canView(site, x) && (x.id === v || lower(x.key) === lower(v) || lower(x.name) === lower(v)));
        if (!p) throw noValue(v, 'project');
        return (i) => i.projectId === p.id;
      };
    case 'status':
      return (v) => {
        const ids = new Set(site.statuses.filter((s) => s.id === v || lower(s.name) === lower(v)).map((s) => s.id));
        if (ids.size === 0) throw noValue(v, 'status');
        return (i) => ids.has(i.statusId);
      };
    case 'statuscategory':
      return (v) => {
        const cat = STATUS_CATEGORIES.find((c) => String(c.id) === v || lower(c.key) === lower(v) || lower(c.name) === lower(v));
        if (!cat) throw noValue(v, 'statusCategory');
        return (i) => site.index.statusById.get(i.statusId)?.category === cat.key;
      };
    case 'priority':
      return (v) => {
        const p = site.priorities.find((x) => x.id === v || lower(x.name) === lower(v));
        if (!p) throw noValue(v, 'priority');
        return (i) => i.priorityId === p.id;
      };
    case 'issuetype':
    case 'type':
      return (v) => {
        const ids = new Set(site.issueTypes.filter((t) => t.id === v || lower(t.name) === lower(v)).map((t) => t.id));
        if (ids.size === 0) throw noValue(v, 'issuetype');
        return (i) => ids.has(i.issueTypeId);
      };
    case 'key':
    case 'issuekey':
    case 'id':
      return (v) => (i) => lower(i.key) === lower(v) || i.id === v;
    case 'assignee':
      return (v) => {
        if (lower(v) === 'empty' || lower(v) === 'null') return (i) => !i.assigned;
        if (lower(v) === 'currentuser()' || v === accountId) return (i) => i.assigned;
        return () => false;
      };
    default:
      throw new JqlError(`Field '${field}' does not exist or you do not have permission to view it.`);
  }
}

function compileExpr(site: SiteWorld, accountId: string, expr: JqlExpr): (i: IssueDef) => boolean {
  if (expr.kind === 'and' || expr.kind === 'or') {
    const [l, r] = [compileExpr(site, accountId, expr.left), compileExpr(site, accountId, expr.right)];
    return expr.kind === 'and' ? (i) => l(i) && r(i) : (i) => l(i) || r(i);
  }
  if (expr.kind === 'not') {
    const inner = compileExpr(site, accountId, expr.expr);
    return (i) => !inner(i);
  }
  const resolve = resolver(site, accountId, expr.field);
  const preds = expr.values.map(resolve);
  const any = (i: IssueDef) => preds.some((p) => p(i));
  return expr.op === '!=' || expr.op === 'not in' || expr.op === 'is not' ? (i) => !any(i) : any;
}

const SORT_KEYS: Record<string, (site: SiteWorld, i: IssueDef) => number | string> = {
  created: (_, i) => i.created,
  updated: (_, i) => i.updated,
  key: (s, i) => `${s.index.projectById.get(i.projectId)?.key ?? ''}-${String(Number(i.key.split('-')[1])).padStart(8, '0')}`,
  id: (_, i) => Number(i.id),
  priority: (s, i) => s.priorities.findIndex((p) => p.id === i.priorityId),
  status: (s, i) => s.index.statusById.get(i.statusId)?.name ?? '',
  project: (s, i) => s.index.projectById.get(i.projectId)?.key ?? '',
  summary: (_, i) => i.summary,
};

export function compileJql(site: SiteWorld, accountId: string, jql: string): CompiledJql {
  const query = parseJql(jql);
  const matches = query.where ? compileExpr(site, accountId, query.where) : () => true;
  const order = query.orderBy.length ? query.orderBy : [{ field: 'created', desc: true }];
  for (const o of order) if (!SORT_KEYS[o.field]) throw new JqlError(`Not able to sort using field '${o.field}'.`);
  const compare = (a: IssueDef, b: IssueDef) => {
    for (const o of order) {
      const key = SORT_KEYS[o.field]!;
      const [x, y] = [key(site, a), key(site, b)];
      if (x !== y) return (x < y ? -1 : 1) * (o.desc ? -1 : 1);
    }
    return Number(b.id) - Number(a.id);
  };
  return { bounded: query.where !== null, matches, compare };
}
