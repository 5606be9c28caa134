// The two hand-made sites of the default world: a main site where the user administers most projects,
// and a smaller second site where they administer nothing (so statuses/search is refused there).
import { stockIssueTypes, stockPriorities, stockStatuses } from './catalog';
import type { Prng } from './prng';
import { assembleSite, BROWSE_ONLY, FULL, HIDDEN } from './site';
import type { ProjectAccess, ProjectDef, SiteWorld, StatusDef, WorkflowEntry } from './types';

export const MAIN_CLOUD_ID = '3f1d6c4e-2a7b-4c1e-9d8f-0a1b2c3d4e5f';
export const LABS_CLOUD_ID = '8e2a9b7c-5d4f-4e3a-8b1c-6d7e8f9a0b1c';

/** Project keys whose Browse permission the `restricted-projects` scenario removes. */
export const RESTRICTABLE_KEYS = ['HELP', 'MKT'];

const SOFTWARE_FLOW = ['10002', '10003', '3', '10004', '10005', '10001', '10011'];
const BUG_FLOW = ['1', '3', '4', '5', '6'];
const SIMPLE_FLOW = ['10000', '3', '10001'];
const SERVICE_FLOW = ['10006', '10007', '3', '10008', '10009', '5', '10010'];
const CHANGE_FLOW = ['10013', '10009', '3', '10016', '10010'];
const BUSINESS_FLOW = ['10000', '3', '10004', '10016', '10001'];
const OPS_FLOW = ['10012', '1', '3', '10014', '10015', '6'];

const wf = (pairs: Array<[string, string[]]>): WorkflowEntry[] => pairs.map(([issueTypeId, statusIds]) => ({ issueTypeId, statusIds }));

function project(id: number, key: string, name: string, typeKey: ProjectDef['typeKey'], workflow: WorkflowEntry[], prng: Prng, style: ProjectDef['style'] = 'classic'): ProjectDef {
  return { id: String(id), key, name, typeKey, style, workflow, uuid: prng.uuid(), avatarId: 10400 + (id % 25), description: `${name} work tracked in Jira.` };
}

function mobileStatuses(projectId: string): StatusDef[] {
  const base = { description: '', icon: 'generic.png', projectId };
  return [
    { ...base, id: '10100', name: 'To Do', category: 'new' },
    { ...base, id: '10101', name: 'Doing', category: 'indeterminate' },
    { ...base, id: '10102', name: 'Code Review', category: 'indeterminate' },
    { ...base, id: '10103', name: 'Shipped', category: 'done' },
  ];
}

export function buildMainSite(prng: Prng, restricted: boolean): SiteWorld {
  const mobFlow = ['10100', '10101', '10102', '10103'];
  const restrict = (key: string, normal: ProjectAccess): ProjectAccess => (restricted && RESTRICTABLE_KEYS.includes(key) ? HIDDEN : normal);
  const projects: Array<{ project: ProjectDef; issueCount: number; access: ProjectAccess }> = [
    { project: project(10000, 'PLAT', 'Platform', 'software', wf([['10000', SIMPLE_FLOW], ['10001', SOFTWARE_FLOW], ['10002', SOFTWARE_FLOW], ['10003', BUG_FLOW], ['10004', SIMPLE_FLOW]]), prng), issueCount: 160, access: FULL },
    { project: project(10001, 'MOB', 'Mobile App', 'software', wf([['10000', mobFlow], ['10001', mobFlow], ['10002', mobFlow], ['10003', mobFlow], ['10004', mobFlow]]), prng, 'next-gen'), issueCount: 70, access: FULL },
    { project: project(10002, 'HELP', 'IT Help Desk', 'service_desk', wf([['10005', SERVICE_FLOW], ['10006', SERVICE_FLOW], ['10007', SERVICE_FLOW], ['10008', CHANGE_FLOW]]), prng), issueCount: 90, access: FULL },
    { project: project(10003, 'MKT', 'Marketing Campaigns', 'business', wf([['10002', BUSINESS_FLOW], ['10004', BUSINESS_FLOW]]), prng), issueCount: 40, access: FULL },
    { project: project(10004, 'OPS', 'Operations', 'software', wf([['10002', OPS_FLOW], ['10003', OPS_FLOW]]), prng), issueCount: 50, access: BROWSE_ONLY },
    { project: project(10005, 'SEC', 'Security Incidents', 'software', wf([['10002', BUG_FLOW], ['10003', BUG_FLOW]]), prng), issueCount: 30, access: HIDDEN },
  ].map((p) => ({ ...p, access: restrict(p.project.key, p.access) }));
  return assembleSite(
    {
      cloudId: MAIN_CLOUD_ID,
      name: 'acme-sandbox',
      avatar: 'rocket',
      // Not a Jira admin: so SEC stays invisible (Administer Jira would reveal every project in project/search).
      jiraAdmin: false,
      statuses: [...stockStatuses(), ...mobileStatuses('10001')],
      issueTypes: stockIssueTypes(),
      priorities: stockPriorities(),
      projects,
    },
    prng,
  );
}

export function buildLabsSite(prng: Prng): SiteWorld {
  const statuses = stockStatuses();
  return assembleSite(
    {
      cloudId: LABS_CLOUD_ID,
      name: 'acme-labs-sandbox',
      avatar: 'koala',
      jiraAdmin: false,
      statuses,
      issueTypes: stockIssueTypes().filter((t) => ['10000', '10001', '10002', '10003', '10004'].includes(t.id)),
      priorities: stockPriorities().slice(0, 5),
      projects: [
        { project: project(10000, 'RND', 'Research', 'software', wf([['10001', SOFTWARE_FLOW], ['10002', SOFTWARE_FLOW], ['10003', BUG_FLOW]]), prng), issueCount: 60, access: BROWSE_ONLY },
        { project: project(10001, 'LEGAL', 'Legal Requests', 'business', wf([['10002', BUSINESS_FLOW]]), prng), issueCount: 25, access: BROWSE_ONLY },
      ],
    },
    prng,
  );
}
