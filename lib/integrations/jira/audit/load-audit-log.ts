import 'server-only';
import { listAuditEventsPage, listConfigVersionsByNumber } from '@/db/queries/jira-audit-events';
import { getMetadataCacheRow } from '@/db/queries/jira-metadata';
import { jiraConfigSchema } from '../config/config-schema';
import { diffConfigs } from '../config/diff-config';
import { AUDIT_PAGE_SIZE, type AuditLogParams } from './audit-log-params';
import { actionsMatching, describeAuditEvent } from './audit-sentences';
import { describeConfigChange, type JiraNames } from './config-change-lines';

export interface AuditLogEntry {
  id: string;
  createdAt: Date;
  sentence: string;
  /** For a configuration save or rollback: what changed against the version before it, in words. */
  changes: string[];
}

export interface AuditLogPage {
  entries: AuditLogEntry[];
  total: number;
  page: number;
  pageCount: number;
  problem?: string;
}

const CONFIG_ACTIONS = new Set(['config_saved', 'config_rolled_back']);

/** One page of a connection's audit log as sentences, with each configuration save's diff. */
export async function loadAuditLog(orgId: string, connectionId: string, params: AuditLogParams): Promise<AuditLogPage> {
  const { events, total } = await listAuditEventsPage(orgId, connectionId, {
    text: params.query,
    actions: actionsMatching(params.query),
    offset: (params.page - 1) * AUDIT_PAGE_SIZE,
    limit: AUDIT_PAGE_SIZE,
  });
  const saved = events.flatMap((event) =>
    CONFIG_ACTIONS.has(event.action) && typeof event.detail.version === 'number' ? [event.detail.version] : [],
  );
  const [versions, metadata] = saved.length
    ? await Promise.all([
        listConfigVersionsByNumber(orgId, connectionId, [...new Set(saved.flatMap((version) => [version, version - 1]))]),
        getMetadataCacheRow(orgId, connectionId),
      ])
    : [[], undefined];
  const configs = new Map(
    versions.flatMap((row) => {
      const parsed = jiraConfigSchema.safeParse({
        projectFilter: row.projectFilter,
        statusMapping: row.statusMapping,
        priorityMapping: row.priorityMapping,
        projectOverrides: row.projectOverrides,
      });
      return parsed.success ? [[row.version, parsed.data] as const] : [];
    }),
  );
  const names: JiraNames = {
    statuses: new Map([...(metadata?.otherStatuses ?? []), ...(metadata?.statuses ?? [])].map((status) => [status.id, status.name])),
    priorities: new Map((metadata?.priorities ?? []).map((priority) => [priority.id, priority.name])),
  };
  const entries: AuditLogEntry[] = events.map((event) => {
    const version = typeof event.detail.version === 'number' ? event.detail.version : undefined;
    const after = version === undefined ? undefined : configs.get(version);
    const before = version === undefined ? undefined : configs.get(version - 1);
    const changes = CONFIG_ACTIONS.has(event.action) && after && before ? diffConfigs(before, after).map((change) => describeConfigChange(change, names)) : [];
    return { id: event.id, createdAt: event.createdAt, sentence: describeAuditEvent(event), changes };
  });
  const pageCount = Math.max(1, Math.ceil(total / AUDIT_PAGE_SIZE));
  // A page past the end (an old link, events pruned since): show the last one and say so.
  if (entries.length === 0 && params.page > pageCount) {
    const last = await loadAuditLog(orgId, connectionId, { ...params, page: pageCount });
    return { ...last, problem: `There is no page ${params.page}: the log has ${pageCount === 1 ? '1 page' : `${pageCount} pages`}.` };
  }
  return { entries, total, page: params.page, pageCount, problem: params.problem };
}
