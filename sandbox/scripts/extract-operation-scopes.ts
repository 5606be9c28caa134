// Regenerates oauth/operation-scopes.json from the Jira OpenAPI document: for every /rest/api/3 operation,
// the scope alternatives from `x-atlassian-oauth2-scopes` (or, when that extension is absent, the OAuth2
// entry of `security`). Run: npx tsx sandbox/scripts/extract-operation-scopes.ts
import { readFileSync, writeFileSync } from 'node:fs';
import { fileURLToPath } from 'node:url';
import { openApiPath } from '../paths';
import { extractOperationScopes } from '../oauth/extract-scopes';

const doc: unknown = JSON.parse(readFileSync(openApiPath(), 'utf8'));
const table = extractOperationScopes(doc);
const out = fileURLToPath(new URL('../oauth/operation-scopes.json', import.meta.url));
writeFileSync(out, `[\n${table.map((row) => JSON.stringify(row)).join(',\n')}\n]\n`);
console.log(`wrote ${table.length} operations to ${out}`);
