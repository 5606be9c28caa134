// The audit log's search and page, read from the connection page's URL. Pure.
import { z } from 'zod';

export const AUDIT_PAGE_SIZE = 20;

const first = (value: unknown): unknown => (Array.isArray(value) ? (value as unknown[])[0] : value);

export const auditLogParamsSchema = z.object({
  audit_q: z.preprocess(first, z.string().trim().max(100, 'Search for at most 100 characters.').optional()),
  audit_page: z.preprocess(first, z.coerce.number().int().min(1).max(100_000).optional()),
});

export interface AuditLogParams {
  query: string;
  page: number;
  /** A sentence when the URL asked for something unusable; the log then shows its first page. */
  problem?: string;
}

/** Bad values are not an error page: the log says what it ignored and shows the newest events. */
export function parseAuditLogParams(searchParams: Record<string, string | string[] | undefined>): AuditLogParams {
  const parsed = auditLogParamsSchema.safeParse(searchParams);
  if (parsed.success) return { query: parsed.data.audit_q ?? '', page: parsed.data.audit_page ?? 1 };
  const issue = parsed.error.issues[0];
  if (issue?.path[0] === 'audit_q') return { query: '', page: 1, problem: issue.message };
  const query = z.preprocess(first, z.string().trim().max(100)).safeParse(searchParams.audit_q);
  return {
    query: query.success ? query.data : '',
    page: 1,
    problem: `“${String(first(searchParams.audit_page))}” is not a page number: showing the newest events.`,
  };
}

/** The link to another page of the same search. */
export function auditLogHref(path: string, query: string, page: number): string {
  const params = new URLSearchParams();
  if (query) params.set('audit_q', query);
  if (page > 1) params.set('audit_page', String(page));
  const search = params.toString();
  return `${path}${search ? `?${search}` : ''}#audit-log`;
}
