// Pure extraction of per-operation scope alternatives from the OpenAPI document (used by the generator
// script and by the test that keeps operation-scopes.json in sync with the document).
export type OperationScopes = [method: string, path: string, alternatives: string[][], source: 'x-atlassian' | 'security'];

interface RawOp {
  'x-atlassian-oauth2-scopes'?: Array<{ scopes: string[] }>;
  security?: Array<Record<string, string[]>>;
}

const METHODS = ['get', 'post', 'put', 'delete', 'patch'];
const PREFIX = '/rest/api/3/';

export function extractOperationScopes(doc: unknown): OperationScopes[] {
  const paths = (doc as { paths: Record<string, Record<string, RawOp>> }).paths;
  const rows: OperationScopes[] = [];
  for (const [p, item] of Object.entries(paths)) {
    if (!p.startsWith(PREFIX)) continue;
    for (const method of METHODS) {
      const op = item[method];
      if (!op) continue;
      const ext = op['x-atlassian-oauth2-scopes'];
      if (ext && ext.length > 0) {
        rows.push([method.toUpperCase(), p.slice(PREFIX.length), ext.map((e) => e.scopes), 'x-atlassian']);
      } else {
        const oauth = (op.security ?? []).filter((s) => 'OAuth2' in s).map((s) => s.OAuth2 ?? []);
        rows.push([method.toUpperCase(), p.slice(PREFIX.length), oauth, 'security']);
      }
    }
  }
  return rows.sort((a, b) => (a[1] + a[0]).localeCompare(b[1] + b[0]));
}
