// The `big-site` scenario: one large, deterministic site (1,050 projects, 300 statuses, 40 issue types,
// 25 priorities, 106,050 issues of which 100,697 are browsable) for benchmarks and pagination tests. The issues
// live in typed-array columns (world/issue-source.ts), so the whole site stays a few megabytes.
import { stockIssueTypes, stockPriorities, stockStatuses } from './catalog';
import type { Prng } from './prng';
import { assembleSite, BROWSE_ONLY, FULL, HIDDEN } from './site';
import type { CategoryKey, IssueTypeDef, PriorityDef, ProjectAccess, ProjectDef, SiteWorld, StatusDef } from './types';

export const BIG_CLOUD_ID = '5b4c3d2e-1f0a-4b9c-8d7e-6f5a4b3c2d1e';
export const BIG_SITE_SIZE = { projects: 1050, statuses: 300, issueTypes: 40, priorities: 25, issuesPerProject: 101 };

const WORDS = ['Atlas', 'Beacon', 'Cobalt', 'Delta', 'Ember', 'Falcon', 'Granite', 'Harbor', 'Indigo', 'Juniper', 'Kestrel', 'Lumen', 'Mosaic', 'Nimbus', 'Orbit', 'Pioneer', 'Quartz', 'Ridge', 'Summit', 'Tidal'];
const STAGES = ['Intake', 'Scoping', 'Design', 'Build', 'Review', 'Verify', 'Staging', 'Rollout', 'Monitor', 'Handover', 'Audit', 'Sign-off'];
const CATEGORIES: CategoryKey[] = ['new', 'indeterminate', 'indeterminate', 'done'];

export function buildBigSite(prng: Prng): SiteWorld {
  const statuses: StatusDef[] = stockStatuses();
  const projectCount = BIG_SITE_SIZE.projects;
  for (let i = statuses.length; i < BIG_SITE_SIZE.statuses; i++) {
    const category = CATEGORIES[i % CATEGORIES.length] ?? 'new';
    // Every fourth custom status belongs to a team-managed project.
    const projectId = i % 4 === 0 ? String(10000 + ((i * 7) % projectCount)) : undefined;
    statuses.push({ id: String(20000 + i), name: `${prng.pick(STAGES)} ${i}`, category, description: '', icon: 'generic.png', ...(projectId ? { projectId } : {}) });
  }
  const issueTypes: IssueTypeDef[] = stockIssueTypes();
  for (let i = issueTypes.length; i < BIG_SITE_SIZE.issueTypes; i++) {
    issueTypes.push({ id: String(11000 + i), name: `${prng.pick(WORDS)} item ${i}`, description: 'Custom work type.', subtask: false, hierarchyLevel: 0, avatarId: 10318 });
  }
  const priorities: PriorityDef[] = stockPriorities();
  for (let i = priorities.length; i < BIG_SITE_SIZE.priorities; i++) {
    priorities.push({ id: String(12000 + i), name: `P${i}`, description: `Custom priority level ${i}.`, statusColor: '#5e6c84', icon: 'medium_new.svg', isDefault: false });
  }

  const globalByCategory = (cat: CategoryKey) => statuses.filter((s) => !s.projectId && s.category === cat).map((s) => s.id);
  const todo = globalByCategory('new');
  const doing = globalByCategory('indeterminate');
  const done = globalByCategory('done');
  const projects: Array<{ project: ProjectDef; issueCount: number; access: ProjectAccess }> = [];
  for (let i = 0; i < projectCount; i++) {
    const id = String(10000 + i);
    const own = statuses.filter((s) => s.projectId === id).map((s) => s.id);
    const typeCount = prng.int(3, 6);
    const workflow = Array.from({ length: typeCount }, (_, n) => ({
      issueTypeId: issueTypes[(i + n * 5) % issueTypes.length]?.id ?? '10002',
      statusIds: [...new Set([prng.pick(todo), ...own, prng.pick(doing), prng.pick(doing), prng.pick(done)])],
    }));
    const key = `P${i.toString(36).toUpperCase().padStart(3, '0')}`;
    const roll = i % 20;
    const access = roll === 0 ? HIDDEN : roll < 5 ? BROWSE_ONLY : FULL;
    const typeKey = (['software', 'service_desk', 'business'] as const)[i % 3] ?? 'software';
    projects.push({
      project: { id, key, name: `${prng.pick(WORDS)} ${prng.pick(WORDS)} ${i}`, description: 'Generated project.', typeKey, style: own.length ? 'next-gen' : 'classic', uuid: prng.uuid(), avatarId: 10400 + (i % 25), workflow },
      issueCount: BIG_SITE_SIZE.issuesPerProject,
      access,
    });
  }
  return assembleSite({ cloudId: BIG_CLOUD_ID, name: 'acme-enterprise-sandbox', avatar: 'flag', jiraAdmin: true, statuses, issueTypes, priorities, projects }, prng);
}
