/** JQL for "these projects" (empty filter = every project the user can browse). Keys are validated upstream. */
export function projectClause(projectKeys: readonly string[]): string | undefined {
  return projectKeys.length ? `project in (${projectKeys.map((key) => `"${key}"`).join(', ')})` : undefined;
}

export function statusCountJql(projectKeys: readonly string[], statusId: string): string {
  return [projectClause(projectKeys), `status = ${statusId}`].filter(Boolean).join(' AND ');
}

// Jira's search/jql refuses unbounded queries; "project is not EMPTY" bounds it without filtering.
export function sampleJql(projectKeys: readonly string[]): string {
  return `${projectClause(projectKeys) ?? 'project is not EMPTY'} ORDER BY updated DESC`;
}
