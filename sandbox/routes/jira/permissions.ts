// mypermissions: the sandbox user's permissions globally or in one project.
import { canAdminister, canBrowseIssues, canView, errorCollection, findProject, listParam, projectNotFound, type JiraHandler } from './context';
import type { SiteWorld } from '../../world/types';

interface PermissionDef {
  id: string;
  key: string;
  name: string;
  type: 'GLOBAL' | 'PROJECT';
  description: string;
  /** Which project right grants it: browse-level work or project administration. */
  needs: 'browse' | 'administer' | 'jiraAdmin' | 'everyone';
}

const PERMISSIONS: PermissionDef[] = [
  { id: '0', key: 'ADMINISTER', name: 'Administer Jira', type: 'GLOBAL', description: 'Create and administer projects, issue types, fields, workflows, and schemes for all projects.', needs: 'jiraAdmin' },
  { id: '27', key: 'USER_PICKER', name: 'Browse users and groups', type: 'GLOBAL', description: 'View and select users or groups from the user picker.', needs: 'everyone' },
  { id: '10', key: 'BROWSE_PROJECTS', name: 'Browse Projects', type: 'PROJECT', description: 'Ability to browse projects and the issues within them.', needs: 'browse' },
  { id: '11', key: 'CREATE_ISSUES', name: 'Create Issues', type: 'PROJECT', description: 'Ability to create issues.', needs: 'browse' },
  { id: '12', key: 'EDIT_ISSUES', name: 'Edit Issues', type: 'PROJECT', description: 'Ability to edit issues.', needs: 'browse' },
  { id: '13', key: 'ASSIGN_ISSUES', name: 'Assign Issues', type: 'PROJECT', description: 'Ability to assign issues to other people.', needs: 'browse' },
  { id: '14', key: 'RESOLVE_ISSUES', name: 'Resolve Issues', type: 'PROJECT', description: 'Ability to resolve and reopen issues.', needs: 'browse' },
  { id: '15', key: 'ADD_COMMENTS', name: 'Add Comments', type: 'PROJECT', description: 'Ability to comment on issues.', needs: 'browse' },
  { id: '16', key: 'DELETE_ISSUES', name: 'Delete Issues', type: 'PROJECT', description: 'Ability to delete issues.', needs: 'administer' },
  { id: '23', key: 'ADMINISTER_PROJECTS', name: 'Administer Projects', type: 'PROJECT', description: 'Ability to administer a project in Jira.', needs: 'administer' },
  { id: '46', key: 'TRANSITION_ISSUES', name: 'Transition Issues', type: 'PROJECT', description: 'Ability to transition issues.', needs: 'browse' },
  { id: '32', key: 'MANAGE_WATCHERS', name: 'Manage Watchers', type: 'PROJECT', description: 'Ability to manage the watchers of an issue.', needs: 'administer' },
];

function has(site: SiteWorld, def: PermissionDef, projectId: string | null): boolean {
  if (def.needs === 'everyone') return true;
  if (def.needs === 'jiraAdmin') return site.jiraAdmin;
  // Global context: a project permission counts if the user has it in any project.
  const ids = projectId ? [projectId] : site.projects.map((p) => p.id);
  return ids.some((id) => (def.needs === 'browse' ? canBrowseIssues(site, id) : canAdminister(site, id)));
}

export const getMyPermissions: JiraHandler = ({ site, query }) => {
  const keys = listParam(query, 'permissions');
  if (keys.length === 0) return errorCollection(400, 'The permissions parameter is required.');
  const unknown = keys.filter((k) => !PERMISSIONS.some((p) => p.key === k));
  if (unknown.length > 0) return errorCollection(400, `Invalid permission keys: ${unknown.join(', ')}.`);
  let projectId: string | null = null;
  const projectRef = query.get('projectId') ?? query.get('projectKey');
  if (projectRef) {
    const project = findProject(site, projectRef);
    if (!project || !canView(site, project)) return projectNotFound(projectRef);
    projectId = project.id;
  }
  const permissions = Object.fromEntries(
    PERMISSIONS.filter((p) => keys.includes(p.key)).map((p) => [
      p.key,
      { id: p.id, key: p.key, name: p.name, type: p.type, description: p.description, havePermission: has(site, p, projectId) },
    ]),
  );
  return { status: 200, body: { permissions } };
};
