export * from './organizations';
export * from './jira';
export * from './jira-config';
export * from './jira-metadata';
export * from './jira-oauth-apps';
export * from './jira-diagnostics';
export * from './api-keys';
export * from './jira-checks';
