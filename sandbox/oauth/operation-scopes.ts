// Looks up which scopes a Jira REST v3 operation needs, from the table generated out of the OpenAPI document.
import { readFileSync } from 'node:fs';
import type { OperationScopes } from './extract-scopes';

export interface MatchedOperation {
  method: string;
  /** Path template relative to /rest/api/3/, e.g. `project/{projectIdOrKey}/statuses`. */
  template: string;
  params: Record<string, string>;
  alternatives: string[][];
}

// Operations whose OpenAPI entry lacks `x-atlassian-oauth2-scopes` fall back to `security`, which can be
// stricter than the gateway: recorded/priority-search.recorded.json succeeded with a token holding
// read:jira-work and read:priority:jira but not manage:jira-configuration.
const EXTRA_ALTERNATIVES: Record<string, string[][]> = {
  'GET priority/search': [['read:jira-work'], ['read:priority:jira']],
};

interface Compiled {
  template: string;
  segments: string[];
  literalCount: number;
  alternatives: string[][];
}

const rows = JSON.parse(readFileSync(new URL('./operation-scopes.json', import.meta.url), 'utf8')) as OperationScopes[];
const byMethod = new Map<string, Compiled[]>();
for (const [method, template, alternatives] of rows) {
  const segments = template.split('/');
  const list = byMethod.get(method) ?? [];
  const extra = EXTRA_ALTERNATIVES[`${method} ${template}`] ?? [];
  list.push({ template, segments, literalCount: segments.filter((s) => !s.startsWith('{')).length, alternatives: [...alternatives, ...extra] });
  byMethod.set(method, list);
}

export function matchOperation(method: string, relativePath: string): MatchedOperation | null {
  const parts = relativePath.split('/');
  let best: Compiled | null = null;
  for (const candidate of byMethod.get(method) ?? []) {
    if (candidate.segments.length !== parts.length) continue;
    const ok = candidate.segments.every((seg, i) => seg.startsWith('{') || seg === parts[i]);
    if (ok && (!best || candidate.literalCount > best.literalCount)) best = candidate;
  }
  if (!best) return null;
  const params: Record<string, string> = {};
  best.segments.forEach((seg, i) => {
    if (seg.startsWith('{')) params[seg.slice(1, -1)] = decodeURIComponent(parts[i] ?? '');
  });
  return { method, template: best.template, params, alternatives: best.alternatives };
}

/** Allowed when the token holds every scope of at least one alternative (classic or granular). */
export function scopesSatisfy(tokenScopes: ReadonlySet<string>, alternatives: string[][]): boolean {
  return alternatives.some((alt) => alt.every((scope) => tokenScopes.has(scope)));
}
