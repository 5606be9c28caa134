import { readFileSync } from 'node:fs';
import { describe, expect, it } from 'vitest';
import { openApiPath } from '../paths';
import { extractOperationScopes } from './extract-scopes';
import { matchOperation, scopesSatisfy } from './operation-scopes';

describe('operation scopes', () => {
  it('operation-scopes.json is in sync with the OpenAPI document (regenerate with scripts/extract-operation-scopes.ts)', () => {
    const doc: unknown = JSON.parse(readFileSync(openApiPath(), 'utf8'));
    const committed: unknown = JSON.parse(readFileSync(new URL('./operation-scopes.json', import.meta.url), 'utf8'));
    expect(committed).toEqual(extractOperationScopes(doc));
  });

  it.each([
    ['GET', 'project/search', 'project/search'],
    ['GET', 'project/PLAT', 'project/{projectIdOrKey}'],
    ['GET', 'project/PLAT/statuses', 'project/{projectIdOrKey}/statuses'],
    ['GET', 'priority/search', 'priority/search'],
    ['PUT', 'webhook/refresh', 'webhook/refresh'],
  ])('%s %s → %s', (method, path, template) => {
    expect(matchOperation(method, path)?.template).toBe(template);
  });

  it.each([
    [['read:jira-work'], 'project/search', true],
    [['read:jira-user'], 'project/search', false],
    [['read:jira-work'], 'statuses/search', false],
    [['manage:jira-configuration'], 'statuses/search', true],
    [['read:workflow:jira'], 'statuses/search', true],
    [['read:jira-work'], 'priority/search', true],
    [['read:jira-work'], 'webhook', false],
    [['read:jira-work', 'manage:jira-webhook'], 'webhook', true],
  ])('%j on GET %s → %s', (scopes, path, allowed) => {
    const op = matchOperation('GET', path)!;
    expect(scopesSatisfy(new Set(scopes), op.alternatives)).toBe(allowed);
  });
});
