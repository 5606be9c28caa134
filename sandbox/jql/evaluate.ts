// Compiles a parsed JQL query against one site into a filter and an ordering over issues. Date literals are
// read in the time zone of the user the request runs as (jql/dates.ts).
import type { IssueDef, SiteWorld } from '../world/types';
import { STATUS_CATEGORIES } from '../world/catalog';
import { canView } from '../routes/jira/context';
import { calendarDate, parseJqlDate } from './dates';
import { JqlError, parseJql, type JqlExpr } from './parse';

export interface JqlContext {
  accountId: string;
  /** The requesting user's time zone (`myself.timeZone`). */
  timeZone: string;
  now: number;
}

type SortValue = number | string;

export interface CompiledJql {
  bounded: boolean;
  /** True when the result depends on the current time (relative dates, now()). */
  usesNow: boolean;
  matches(issue: IssueDef): boolean;
  /** Sort values of an issue, ending with its id (the final tie-break), for ordering and keyset cursors. */
  sortKeys(issue: IssueDef): SortValue[];
  compareKeys(a: SortValue[], b: SortValue[]): number;
  /** True when the order is plain ascending id, so a scan in id order is already sorted. */
  idOrder: boolean;
}

const noValue = (value: string, field: string) => new JqlError(`The value '${value}' does not exist for the field '${field}'.`);
const badOperator = (op: string, field: string) => new JqlError(`The operator '${op}' is not supported by the '${field}' field.`);

type Pred = (i: IssueDef) => boolean;

const NEVER_EMPTY = new Set(['project', 'status', 'statuscategory', 'issuetype', 'type', 'priority', 'key', 'issuekey', 'id', 'summary']);

const DATE_FIELDS: Record<string, { name: string; get: (i: IssueDef) => number | null }> = {
  created: { name: 'created', get: (i) => i.created },
  createddate: { name: 'createdDate', get: (i) => i.created },
  updated: { name: 'updated', get: (i) => i.updated },
  updateddate: { name: 'updatedDate', get: (i) => i.updated },
  resolved: { name: 'resolved', get: (i) => i.resolved },
  resolutiondate: { name: 'resolutiondate', get: (i) => i.resolved },
};

function compareOp(op: string, x: SortValue, y: SortValue): boolean {
  switch (op) {
    case '=':
      return x === y;
    case '!=':
      return x !== y;
    case '<':
      return x < y;
    case '<=':
      return x <= y;
    case '>':
      return x > y;
    default:
      return x >= y;
  }
}

function dateClause(expr: Extract<JqlExpr, { kind: 'clause' }>, ctx: JqlContext, flags: { usesNow: boolean }): Pred | null {
  const isDue = expr.field === 'due' || expr.field === 'duedate';
  const field = DATE_FIELDS[expr.field];
  if (!field && !isDue) return null;
  const name = field?.name ?? expr.field;
  const get = isDue ? (i: IssueDef) => i.duedate : field!.get;
  if (expr.op === 'is' || expr.op === 'is not') {
    if (!/^(empty|null)$/i.test(expr.values[0] ?? '')) throw new JqlError(`The value '${expr.values[0]}' is not supported with the '${expr.op.toUpperCase()}' operator.`);
    return expr.op === 'is' ? (i) => get(i) === null : (i) => get(i) !== null;
  }
  const instants = expr.values.map((v, n) => {
    const quoted = expr.quoted[n] ?? false;
    if (!/^\d{4}[/-]/.test(v) && (quoted || !/^\d+$/.test(v))) flags.usesNow = true;
    return parseJqlDate(v, quoted, name, ctx.timeZone, ctx.now);
  });
  // A due date is a calendar day: compare days in the user's time zone.
  const targets: SortValue[] = isDue ? instants.map((t) => calendarDate(t, ctx.timeZone)) : instants;
  const op = expr.op === 'in' ? '=' : expr.op === 'not in' ? '!=' : expr.op;
  const any = (i: IssueDef) => {
    const v = get(i);
    return v !== null && targets.some((t) => compareOp(op === '!=' ? '=' : op, v, t));
  };
  return op === '!=' ? (i) => get(i) !== null && !any(i) : any;
}

function resolver(site: SiteWorld, ctx: JqlContext, field: string): (value: string) => Pred {
  const lower = (v: string) => v.toLowerCase();
  switch (field) {
    case 'project':
      return (v) => {
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
      return (v) => {
        // Jira resolves a key the issue carried before a move to the issue itself.
        const target = site.issues.get(v);
        return (i) => lower(i.key) === lower(v) || i.id === v || i.id === target?.id;
      };
    case 'parent':
      return (v) => {
        if (lower(v) === 'empty' || lower(v) === 'null') return (i) => i.parentId === null;
        const target = site.issues.get(v);
        return (i) => target !== null && i.parentId === target.id;
      };
    case 'labels':
      return (v) => (lower(v) === 'empty' || lower(v) === 'null' ? (i) => i.labels.length === 0 : (i) => i.labels.includes(v));
    case 'assignee':
    case 'reporter':
      return (v) => {
        const get = (i: IssueDef) => (field === 'assignee' ? i.assigneeId : i.reporterId);
        if (lower(v) === 'empty' || lower(v) === 'null') return (i) => get(i) === null;
        const id = lower(v) === 'currentuser()' ? ctx.accountId : v;
        return (i) => get(i) === id;
      };
    default:
      throw new JqlError(`Field '${field}' does not exist or you do not have permission to view it.`);
  }
}

function compileExpr(site: SiteWorld, ctx: JqlContext, expr: JqlExpr, flags: { usesNow: boolean }): Pred {
  if (expr.kind === 'and' || expr.kind === 'or') {
    const [l, r] = [compileExpr(site, ctx, expr.left, flags), compileExpr(site, ctx, expr.right, flags)];
    return expr.kind === 'and' ? (i) => l(i) && r(i) : (i) => l(i) || r(i);
  }
  if (expr.kind === 'not') {
    const inner = compileExpr(site, ctx, expr.expr, flags);
    return (i) => !inner(i);
  }
  const date = dateClause(expr, ctx, flags);
  if (date) return date;
  if (['<', '<=', '>', '>='].includes(expr.op)) throw badOperator(expr.op, expr.field);
  // Every issue has a project, status, type, priority and key: `IS EMPTY` matches none, `IS NOT EMPTY` all.
  if ((expr.op === 'is' || expr.op === 'is not') && /^(empty|null)$/i.test(expr.values[0] ?? '') && NEVER_EMPTY.has(expr.field)) return expr.op === 'is' ? () => false : () => true;
  const resolve = resolver(site, ctx, expr.field);
  const preds = expr.values.map(resolve);
  const any = (i: IssueDef) => preds.some((p) => p(i));
  return expr.op === '!=' || expr.op === 'not in' || expr.op === 'is not' ? (i) => !any(i) : any;
}

const SORT_KEYS: Record<string, (site: SiteWorld, i: IssueDef) => SortValue> = {
  created: (_, i) => i.created,
  updated: (_, i) => i.updated,
  resolved: (_, i) => i.resolved ?? Number.MAX_SAFE_INTEGER,
  key: (s, i) => `${s.index.projectById.get(i.projectId)?.key ?? ''}-${i.key.split('-')[1]?.padStart(10, '0') ?? ''}`,
  id: (_, i) => Number(i.id),
  priority: (s, i) => s.priorities.findIndex((p) => p.id === i.priorityId),
  status: (s, i) => s.index.statusById.get(i.statusId)?.name ?? '',
  project: (s, i) => s.index.projectById.get(i.projectId)?.key ?? '',
  summary: (_, i) => i.summary,
};
SORT_KEYS.issuekey = SORT_KEYS.key!;
SORT_KEYS.createddate = SORT_KEYS.created!;
SORT_KEYS.updateddate = SORT_KEYS.updated!;

export function compileJql(site: SiteWorld, ctx: JqlContext, jql: string): CompiledJql {
  const query = parseJql(jql);
  const flags = { usesNow: false };
  const matches = query.where ? compileExpr(site, ctx, query.where, flags) : () => true;
  const order = query.orderBy.length ? query.orderBy : [{ field: 'created', desc: true }];
  if (order.length > 7) throw new JqlError('The ORDER BY clause can contain a maximum of 7 fields.');
  const keyFns = order.map((o) => {
    const key = SORT_KEYS[o.field];
    if (!key) throw new JqlError(`Not able to sort using field '${o.field}'.`);
    return key;
  });
  // Ties fall back to descending id, the order Jira's index returns equal keys in.
  const desc = [...order.map((o) => o.desc), true];
  const sortKeys = (i: IssueDef): SortValue[] => [...keyFns.map((k) => k(site, i)), Number(i.id)];
  const compareKeys = (a: SortValue[], b: SortValue[]) => {
    for (let n = 0; n < a.length; n++) {
      const [x, y] = [a[n]!, b[n]!];
      if (x !== y) return (x < y ? -1 : 1) * (desc[n] ? -1 : 1);
    }
    return 0;
  };
  const idOrder = order[0]?.field === 'id' && !order[0].desc;
  return { bounded: query.where !== null, usesNow: flags.usesNow, matches, sortKeys, compareKeys, idOrder };
}
