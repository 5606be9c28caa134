import 'server-only';
import { and, desc, eq } from 'drizzle-orm';
import type { ConfigChange } from '@/lib/integrations/jira/config/diff-config';
import { diffConfigs, summarizeChanges } from '@/lib/integrations/jira/config/diff-config';
import type { JiraConfig } from '@/lib/integrations/jira/config/config-schema';
import { getDb } from '../client';
import type { Database, Transaction } from '../connect';
import { jiraConfigVersions, jiraConnections, users } from '../schema';
import { recordActivity } from './connection-activity';
import { getIdempotentResponse, insertIdempotentResponse, type StoredIdempotentResponse } from './idempotency-keys';

export interface CurrentJiraConfig {
  config: JiraConfig;
  version: number;
  /** When and by whom the current version was saved; null before the first save (or if the author was deleted). */
  updatedAt: Date | null;
  updatedBy: string | null;
}

export type SaveJiraConfigResult =
  | { ok: true; version: number; changed: boolean; changes: ConfigChange[]; summary: string }
  | { ok: false; reason: 'not_found' }
  | { ok: false; reason: 'stale_version'; current: CurrentJiraConfig }
  /** A save with this idempotency key committed first (a retry, or its twin racing it): its answer. */
  | { ok: false; reason: 'already_saved'; stored: StoredIdempotentResponse };

export type SavedJiraConfig = Extract<SaveJiraConfigResult, { ok: true }>;

export interface SaveJiraConfigOptions {
  /** Set by a rollback: recorded in the summary and the audit event. */
  rolledBackTo?: number;
  /** The client's idempotency key: the answer built by `response` is recorded in the save's transaction. */
  idempotency?: { key: string; scope: string; fingerprint: string; response: (saved: SavedJiraConfig) => unknown };
}

const BASELINE_SUMMARY = 'Configuration before the first recorded change';

// Stored columns passed the save schema when written; the cast only restores the narrower value types.
type StoredConfigColumns = {
  projectFilter: string[];
  statusMapping: Record<string, string>;
  priorityMapping: Record<string, string>;
  projectOverrides: Record<string, Record<string, string>>;
};
const asConfig = (row: StoredConfigColumns): JiraConfig =>
  ({
    projectFilter: row.projectFilter,
    statusMapping: row.statusMapping,
    priorityMapping: row.priorityMapping,
    projectOverrides: row.projectOverrides,
  }) as JiraConfig;

async function readCurrent(db: Database | Transaction, orgId: string, connectionId: string, lock: boolean) {
  const query = db
    .select({
      projectFilter: jiraConnections.projectFilter,
      statusMapping: jiraConnections.statusMapping,
      priorityMapping: jiraConnections.priorityMapping,
      projectOverrides: jiraConnections.projectOverrides,
      version: jiraConnections.configVersion,
      updatedAt: jiraConfigVersions.createdAt,
      updatedBy: users.name,
    })
    .from(jiraConnections)
    .leftJoin(
      jiraConfigVersions,
      and(
        eq(jiraConfigVersions.connectionId, jiraConnections.id),
        eq(jiraConfigVersions.version, jiraConnections.configVersion),
      ),
    )
    .leftJoin(users, eq(users.id, jiraConfigVersions.authorUserId))
    .where(and(eq(jiraConnections.organizationId, orgId), eq(jiraConnections.id, connectionId)));
  const [row] = await (lock ? query.for('update', { of: jiraConnections }) : query);
  if (!row) return undefined;
  return {
    config: asConfig(row),
    version: row.version,
    updatedAt: row.updatedAt,
    updatedBy: row.updatedBy,
  } satisfies CurrentJiraConfig;
}

export async function getJiraConfig(orgId: string, connectionId: string): Promise<CurrentJiraConfig | undefined> {
  return readCurrent(getDb(), orgId, connectionId, false);
}

/**
 * Compare-and-set save: succeeds only if the stored version is still `expectedVersion`, so two admins editing
 * at once can never overwrite each other silently. The row lock makes the check and the write one step; the
 * version row and the audit event commit with the change or not at all. Saving an identical configuration
 * records nothing and keeps the version.
 */
export async function saveJiraConfig(
  orgId: string,
  connectionId: string,
  /** Null for changes made through the public API with an organization key (no person). */
  authorUserId: string | null,
  expectedVersion: number,
  config: JiraConfig,
  options: SaveJiraConfigOptions = {},
): Promise<SaveJiraConfigResult> {
  return getDb().transaction(async (tx): Promise<SaveJiraConfigResult> => {
    const current = await readCurrent(tx, orgId, connectionId, true);
    if (!current) return { ok: false, reason: 'not_found' };
    const { idempotency } = options;
    // After the row lock: a twin request with the same key waited for it and now sees the first one's answer.
    const stored = idempotency && (await getIdempotentResponse(tx, orgId, idempotency.key));
    if (stored) return { ok: false, reason: 'already_saved', stored };
    if (current.version !== expectedVersion) return { ok: false, reason: 'stale_version', current };
    const answer = async (saved: SavedJiraConfig) => {
      if (idempotency) {
        const { key, scope, fingerprint } = idempotency;
        await insertIdempotentResponse(tx, orgId, key, { scope, fingerprint, statusCode: 200, response: idempotency.response(saved) });
      }
      return saved;
    };

    const changes = diffConfigs(current.config, config);
    const summary = summarizeChanges(changes);
    if (changes.length === 0) return answer({ ok: true, version: current.version, changed: false, changes, summary });

    // Connections configured before history existed: keep their starting point so it can be restored.
    await tx
      .insert(jiraConfigVersions)
      .values({
        organizationId: orgId,
        connectionId,
        version: current.version,
        ...current.config,
        authorUserId: null,
        summary: BASELINE_SUMMARY,
      })
      .onConflictDoNothing({ target: [jiraConfigVersions.connectionId, jiraConfigVersions.version] });

    const version = current.version + 1;
    const recorded =
      options.rolledBackTo === undefined ? summary : `Rolled back to version ${options.rolledBackTo}: ${summary}`;
    await tx
      .update(jiraConnections)
      .set({ ...config, configVersion: version, updatedAt: new Date() })
      .where(and(eq(jiraConnections.id, connectionId), eq(jiraConnections.configVersion, expectedVersion)));
    await tx
      .insert(jiraConfigVersions)
      .values({ organizationId: orgId, connectionId, version, ...config, authorUserId, summary: recorded });
    await recordActivity(tx, {
      organizationId: orgId,
      connectionId,
      actorUserId: authorUserId,
      action: options.rolledBackTo === undefined ? 'config_saved' : 'config_rolled_back',
      detail: {
        version,
        summary: recorded,
        ...(options.rolledBackTo === undefined ? {} : { rolledBackTo: options.rolledBackTo }),
      },
    });
    return answer({ ok: true, version, changed: true, changes, summary: recorded });
  });
}

export type UpdateJiraConfigResult = SavedJiraConfig | { ok: false; reason: 'not_found' | 'stale_version' };

/**
 * Read → change → compare-and-set save, for writers that are not an admin's editor (the public API, name
 * resolution, disconnect): another save landing between the read and the write is not a conflict to show
 * anyone, so the change is re-applied to the newer version, up to three times.
 */
export async function updateJiraConfig(
  orgId: string,
  connectionId: string,
  authorUserId: string | null,
  // May be async: whatever it awaits runs between the read and the guarded write, which is where a
  // concurrent save can land (the tests force exactly that).
  change: (current: JiraConfig) => JiraConfig | Promise<JiraConfig>,
): Promise<UpdateJiraConfigResult> {
  for (let attempt = 0; attempt < 3; attempt += 1) {
    const current = await getJiraConfig(orgId, connectionId);
    if (!current) return { ok: false, reason: 'not_found' };
    const saved = await saveJiraConfig(orgId, connectionId, authorUserId, current.version, await change(current.config));
    if (saved.ok || saved.reason === 'not_found') return saved;
  }
  return { ok: false, reason: 'stale_version' };
}

export async function listJiraConfigVersions(orgId: string, connectionId: string, limit = 200) {
  return getDb()
    .select({
      version: jiraConfigVersions.version,
      authorName: users.name,
      createdAt: jiraConfigVersions.createdAt,
      summary: jiraConfigVersions.summary,
    })
    .from(jiraConfigVersions)
    .leftJoin(users, eq(users.id, jiraConfigVersions.authorUserId))
    .where(and(eq(jiraConfigVersions.organizationId, orgId), eq(jiraConfigVersions.connectionId, connectionId)))
    .orderBy(desc(jiraConfigVersions.version))
    .limit(limit);
}

export async function getJiraConfigVersion(orgId: string, connectionId: string, version: number) {
  const [row] = await getDb()
    .select({
      version: jiraConfigVersions.version,
      projectFilter: jiraConfigVersions.projectFilter,
      statusMapping: jiraConfigVersions.statusMapping,
      priorityMapping: jiraConfigVersions.priorityMapping,
      projectOverrides: jiraConfigVersions.projectOverrides,
      authorName: users.name,
      createdAt: jiraConfigVersions.createdAt,
      summary: jiraConfigVersions.summary,
    })
    .from(jiraConfigVersions)
    .leftJoin(users, eq(users.id, jiraConfigVersions.authorUserId))
    .where(
      and(
        eq(jiraConfigVersions.organizationId, orgId),
        eq(jiraConfigVersions.connectionId, connectionId),
        eq(jiraConfigVersions.version, version),
      ),
    );
  if (!row) return undefined;
  return {
    version: row.version,
    config: asConfig(row),
    authorName: row.authorName,
    createdAt: row.createdAt,
    summary: row.summary,
  };
}
