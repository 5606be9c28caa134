/** A JQL string literal: double quotes, with backslashes and quotes escaped (JQL's own escaping). */
export function quoteJqlValue(value: string): string {
  return `"${value.replace(/[\\"]/g, (char) => `\\${char}`)}"`;
}

/** JQL for "these projects" (empty filter = every project the user can browse). Keys are validated upstream, and quoted anyway. */
export function projectClause(projectKeys: readonly string[], operator: 'in' | 'not in' = 'in'): string | undefined {
  return projectKeys.length ? `project ${operator} (${projectKeys.map(quoteJqlValue).join(', ')})` : undefined;
}

export function statusCountJql(projectKeys: readonly string[], statusId: string): string {
  return [projectClause(projectKeys), `status = ${statusId}`].filter(Boolean).join(' AND ');
}

// Jira's search/jql refuses unbounded queries; "project is not EMPTY" bounds it without filtering.
export function sampleJql(projectKeys: readonly string[]): string {
  return `${projectClause(projectKeys) ?? 'project is not EMPTY'} ORDER BY updated DESC`;
}
