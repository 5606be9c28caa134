export * from './organizations';
export * from './jira';
export * from './jira-config';
export * from './jira-metadata';
