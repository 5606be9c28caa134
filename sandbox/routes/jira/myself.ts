// myself: the sandbox user as Jira sees them (shape from recorded/myself.recorded.json).
import type { JiraHandler } from './context';
import { userJson } from './serialize';

export const getMyself: JiraHandler = ({ state, site, api }) => ({
  status: 200,
  body: {
    ...userJson(api, state.world.user, true),
    groups: { size: site.jiraAdmin ? 4 : 3, items: [] },
    applicationRoles: { size: 1, items: [] },
    expand: 'groups,applicationRoles',
  },
});
