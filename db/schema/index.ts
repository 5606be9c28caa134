export * from './organizations';
export * from './jira';
